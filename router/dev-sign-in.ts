/**
 * The portal's development sign-in (issue 14): `POST /portal/dev/sign-in` mints a development token
 * for a chosen agency and posts, or for a data subject (a citizen's ID number, an enterprise's
 * USCC), exactly what `npm run -s token` prints. It exists only in development with the generated
 * development keys: with NODE_ENV=production, or when the platform trusts a real identity
 * provider's keys (PLATFORM_JWKS / PLATFORM_JWKS_URL), the path is an ordinary 404 and nothing
 * here runs (test/security/dev-sign-in.test.ts). Production sign-in is the city's identity
 * provider (OpenID Connect, /portal/auth/*), not this.
 *
 * Only JSON POSTs: a cross-site form cannot send `application/json`, and a cross-site script
 * cannot read the answer (no CORS grant), so another site cannot mint a token through a
 * developer's browser. The agency must be in the register (checked by every verifier anyway;
 * here it saves the developer a puzzling 401 later).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AgencyRole } from '../platform/identity/identity';
import { usingDevKeys } from '../platform/identity/keys';
import { issueDevToken } from '../platform/identity/tokens';
import { parseIdNumber } from '../platform/ids/id-number';
import { parseUscc } from '../platform/ids/uscc';
import { legalPersonKey, personKey } from '../platform/keys';
import { ErrorCode, errorBody } from '../platform/errors';
import { isProduction } from '../platform/settings/read';
import { readBody, sendJson } from './http';

export const DEV_SIGN_IN_PATH = '/portal/dev/sign-in';

/** A portal session is one working day at most, as TOKEN_MAX_LIFETIME's default. */
const TTL = '8h';
const POSTS: readonly string[] = Object.values(AgencyRole);

/** Whether the endpoint exists in this process (read once per request: tests flip nothing at run time). */
export function devSignInEnabled(): boolean {
  return !isProduction() && usingDevKeys();
}

function bad(res: ServerResponse, message: string): void {
  sendJson(res, 400, errorBody(ErrorCode.BAD_USER_INPUT, message));
}

/** Answers the request and returns true when it is for the dev sign-in path and the path exists. */
export async function serveDevSignIn(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  if (pathname !== DEV_SIGN_IN_PATH || !devSignInEnabled()) return false;
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    sendJson(res, 405, errorBody(ErrorCode.BAD_USER_INPUT, 'POST a JSON body'));
    return true;
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    sendJson(res, 415, errorBody(ErrorCode.BAD_USER_INPUT, 'content-type must be application/json'));
    return true;
  }
  let body: { agency?: unknown; operator?: unknown; roles?: unknown; subject?: unknown };
  try {
    body = JSON.parse(await readBody(req, 4096)) as typeof body;
    if (!body || typeof body !== 'object') throw new Error('not an object');
  } catch {
    bad(res, 'the body must be a JSON object');
    return true;
  }
  res.setHeader('cache-control', 'no-store');
  if (typeof body.subject === 'string') {
    const id = body.subject.trim().toUpperCase();
    if (parseIdNumber(id).ok) sendJson(res, 200, { token: await issueDevToken({ subjectKey: personKey(id), subjectKind: 'PERSON', ttl: TTL }) });
    else if (parseUscc(id).ok) sendJson(res, 200, { token: await issueDevToken({ subjectKey: legalPersonKey(id), subjectKind: 'LEGAL_PERSON', ttl: TTL }) });
    else bad(res, 'subject must be a valid citizen ID number or unified social credit code');
    return true;
  }
  const { agency, operator, roles } = body;
  if (typeof agency !== 'string' || !/^[a-z][a-z0-9-]{1,40}$/.test(agency)) {
    bad(res, 'agency must be an agency code (e.g. human-resources)');
    return true;
  }
  if (operator !== undefined && (typeof operator !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(operator))) {
    bad(res, 'operator must be 1-64 letters, digits, dots, dashes or underscores');
    return true;
  }
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r): r is string => typeof r === 'string' && POSTS.includes(r))) {
    bad(res, `roles must be a non-empty list of posts among ${POSTS.join(', ')}`);
    return true;
  }
  // Without an operator id, one per agency and post, so the audit trail tells the demo users apart.
  const operatorId = typeof operator === 'string' ? operator : `${agency}-${roles[0]}`;
  sendJson(res, 200, { token: await issueDevToken({ agency, operator: operatorId, roles: [...new Set(roles)], ttl: TTL }) });
  return true;
}
