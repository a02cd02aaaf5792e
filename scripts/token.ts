/**
 * `npm run -s token -- --agency <code> [--operator <id>] [--roles operator,approver,security-admin] [--ttl 8h]` or
 * `npm run -s token -- --subject <ID number or USCC>`: prints a development token and nothing else.
 */
import { argValue } from './cli';
import { issueDevToken } from '../platform/identity/tokens';
import { AgencyRole } from '../platform/identity/identity';
import { tokenMaxLifetimeSeconds } from '../platform/identity/keys';
import { parseIdNumber } from '../platform/ids/id-number';
import { parseUscc } from '../platform/ids/uscc';
import { legalPersonKey, personKey } from '../platform/keys';

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

const TTL_UNIT_S: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600, hr: 3600, d: 86_400, day: 86_400, w: 604_800 };

function ttlSeconds(ttl: string): number {
  const m = /^(\d+)\s*(s|sec|m|min|h|hr|d|day|w)s?$/.exec(ttl)!;
  return Number(m[1]) * TTL_UNIT_S[m[2]];
}

async function main() {
  const ttl = argValue('--ttl') ?? '8h';
  if (!/^\d+\s*(s|sec|m|min|h|hr|d|day|w)s?$/.test(ttl)) fail(`--ttl must be a duration like 30m, 8h or 7d, got ${ttl}`);
  // The verifiers refuse a token that lives longer than TOKEN_MAX_LIFETIME: say so here, not at use.
  const seconds = ttlSeconds(ttl);
  const max = tokenMaxLifetimeSeconds();
  if (seconds > max) fail(`--ttl ${ttl} is longer than the accepted token lifetime of ${max} s (TOKEN_MAX_LIFETIME)`);
  const subject = argValue('--subject');
  if (subject) {
    const id = subject.trim().toUpperCase();
    if (parseIdNumber(id).ok) return issueDevToken({ subjectKey: personKey(id), subjectKind: 'PERSON', ttl });
    if (parseUscc(id).ok) return issueDevToken({ subjectKey: legalPersonKey(id), subjectKind: 'LEGAL_PERSON', ttl });
    fail('--subject must be a valid citizen ID number or unified social credit code');
  }
  const agency = argValue('--agency');
  if (!agency || !/^[a-z][a-z0-9-]{1,40}$/.test(agency)) fail('--agency <code> is required (e.g. --agency human-resources)');
  const roles = (argValue('--roles') ?? 'operator')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  // A misspelt post would give a token that takes no step: say so here, not at use.
  const posts: string[] = Object.values(AgencyRole);
  const unknown = roles.filter((r) => !posts.includes(r));
  if (unknown.length) fail(`--roles must be posts among ${posts.join(', ')} (comma-separated), got ${unknown.join(', ')}`);
  return issueDevToken({ agency, operator: argValue('--operator'), roles, ttl });
}

main()
  .then((token) => process.stdout.write(`${token}\n`))
  .catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
