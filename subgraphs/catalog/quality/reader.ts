/**
 * How the consistency job reads the base databases: GraphQL through the router, with the
 * `quality-check` actor's own token and the purpose "一数一源核验", exactly as an agency
 * application would — so every read is decided by the subgraphs' policy, masked by its grant and
 * written to the audit trail under `quality-check`. There is no other path: no SQL into another
 * department's database.
 *
 * The token: QUALITY_CHECK_TOKEN when set (production: issued by the platform's identity provider
 * to the job's account); otherwise, with the development keys only, a short-lived development token.
 * The router: PLATFORM_ROUTER_URL (the launcher sets it for every process), default
 * http://127.0.0.1:4000/.
 */
import { issueDevToken } from '../../../platform/identity/tokens';
import { usingDevKeys } from '../../../platform/identity/keys';
import { PURPOSE_HEADER } from '../../../platform/identity/purpose';
import { QUALITY_ACTOR, QUALITY_OPERATOR, QUALITY_PURPOSE } from './actor';

export type GraphQLReader = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export const routerUrl = () => process.env.PLATFORM_ROUTER_URL || 'http://127.0.0.1:4000/';

async function qualityToken(): Promise<string> {
  if (process.env.QUALITY_CHECK_TOKEN) return process.env.QUALITY_CHECK_TOKEN;
  if (!usingDevKeys()) throw new Error('QUALITY_CHECK_TOKEN is not set: the consistency job needs a token for the quality-check agency');
  return issueDevToken({ agency: QUALITY_ACTOR, operator: QUALITY_OPERATOR, roles: ['operator'], ttl: '30m' });
}

/** A reader that posts to the router as `quality-check`; a GraphQL error fails the run (no partial findings). */
export async function routerReader(url = routerUrl()): Promise<GraphQLReader> {
  const token = await qualityToken();
  return async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        [PURPOSE_HEADER]: encodeURIComponent(QUALITY_PURPOSE),
        'x-operation-name': 'consistency-check',
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: { message: string }[] };
    if (!res.ok || body.errors?.length || !body.data) {
      const why = [...new Set(body.errors?.map((e) => e.message))].slice(0, 3).join('; ') || `HTTP ${res.status}`;
      throw new Error(`consistency check: the router refused a read: ${why}`);
    }
    return body.data;
  };
}
