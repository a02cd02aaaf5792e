/**
 * Apollo Server plugin that writes a request's audit events before its response leaves, and
 * awaits the commit: if the trail cannot be written, the response is replaced by an error and no
 * data goes out (fail closed, Art. 21/24).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from '../subgraph/definition';
import type { AuditWriter } from './writer';
import { ErrorCode } from '../errors';

export function auditPlugin(subgraph: string, writer: AuditWriter): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          // Called directly (not through the router), the subgraph's own operation name is the client's.
          contextValue.policy.audit.operation ??= operationName ?? null;
        },
        async didEncounterErrors({ contextValue, errors, operation }) {
          // A lookup refused for bad input (a malformed ID number…) is a decision too: recorded
          // against the root field it was asked of (or the request, when refused before execution).
          // (Workflow mutations record their own refusals: subgraphs/catalog/shared/transitions.ts.)
          const audit = contextValue?.policy?.audit;
          if (!audit || operation?.operation === 'mutation') return;
          for (const e of errors) {
            if (e.extensions?.code !== ErrorCode.BAD_USER_INPUT) continue;
            const root = typeof e.path?.[0] === 'string' ? e.path[0] : null;
            audit.record('Query', root ? `Query.${root}` : 'Request', 'refused');
          }
        },
        async willSendResponse({ contextValue, response }) {
          const { policy, requestId, correlationId } = contextValue;
          if (!policy || policy.audit.isEmpty) return;
          const { identity, purpose } = policy;
          try {
            await writer.write(
              policy.audit.events({
                requestId,
                correlationId: correlationId ?? null,
                subgraph,
                agency: identity.agency ?? null,
                operator: identity.operator ?? null,
                actorSubject: identity.subjectKey ?? null,
                purpose: purpose ?? null,
              }),
            );
          } catch (e) {
            console.error(`[${subgraph}] audit write failed; response withheld:`, e instanceof Error ? e.message : e);
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                errors: [
                  { message: 'The audit trail could not be written, so no data is served (fail closed)', extensions: { code: ErrorCode.AUDIT_UNAVAILABLE } },
                ],
              };
            }
            response.http.status = 503;
          }
        },
      };
    },
  };
}
