/**
 * Request metrics of a subgraph, as an Apollo Server plugin: one count and one latency observation
 * per GraphQL request, and each distinct error code it answered (FORBIDDEN, MASKED…, as
 * extensions.code) as a refusal reason. The agency is the verified token's (the context is built
 * only after the token is checked); the operation is the router's signed x-operation-name.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from '../subgraph/definition';
import { agencyLabel, codeLabel, operationLabel, outcomeOf, refusals, requests, requestSeconds } from './metrics';

export function metricsPlugin(subgraph: string): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart({ request }) {
      const timer = requestSeconds.startTimer();
      const operation = operationLabel(request.http?.headers.get('x-operation-name'));
      return {
        async willSendResponse({ response, contextValue, errors }) {
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const all = [...sent, ...(errors ?? [])];
          const outcome = outcomeOf(response.http.status ?? 200, all.length > 0);
          // contextValue is incomplete when building the context failed (a bad token): no agency then.
          const identity = (contextValue as Partial<SubgraphContext> | undefined)?.policy?.identity;
          requests.inc({ process: subgraph, operation, agency: agencyLabel(identity?.kind === 'agency' ? identity.agency : undefined), outcome });
          timer({ process: subgraph, operation, outcome });
          for (const code of new Set(all.map((e) => codeLabel(e.extensions?.code)))) refusals.inc({ process: subgraph, code });
        },
      };
    },
  };
}
