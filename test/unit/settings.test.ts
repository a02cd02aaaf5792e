/**
 * Settings in one place (issue 12): every variable validated by its schema, a bad value an error
 * naming it (never a silent default, never echoing a secret), production needs per process, one URL
 * per database with the DATABASE_URL + prefix fallback, and the README table generated and fresh.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setting, SettingError } from '../../platform/settings/read';
import { settingProblems } from '../../platform/settings/check';
import { SETTINGS } from '../../platform/settings/variables';
import { withSettingsTable } from '../../platform/settings/table';
import { databaseUrl, listenDatabaseUrl } from '../../platform/db/databases';
import { hmacKey } from '../../platform/config';

const SERVER = 'postgres://u@db.example:5432/postgres';
const JWK = { kty: 'OKP', crv: 'Ed25519', x: 'x', d: 'd', kid: 'k' };
/** What a production deployment gives every process. */
const PRODUCTION: NodeJS.ProcessEnv = {
  NODE_ENV: 'production',
  PLATFORM_JWKS: JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'x', kid: 'k' }] }),
  PLATFORM_HMAC_KEY: 'p'.repeat(40),
  SUBGRAPH_SIGNING_SECRET: 's'.repeat(40),
  LICENSE_ISSUER_KEYS: JSON.stringify({ keys: [JWK] }),
  AUDIT_CHECKPOINT_KEY: JSON.stringify(JWK),
  DATABASE_URL: SERVER,
};
const without = (...names: string[]) => Object.fromEntries(Object.entries(PRODUCTION).filter(([k]) => !names.includes(k)));

function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const put = (v: Record<string, string | undefined>) => {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) delete process.env[k];
      else process.env[k] = x;
    }
  };
  put(vars);
  try {
    return fn();
  } finally {
    put(saved);
  }
}

describe('reading a setting', () => {
  test('defaults apply when unset or empty; values are typed', () => {
    expect(setting('LOOKUP_BUDGET_PER_DAY', {})).toBe(20_000);
    expect(setting('LOOKUP_BUDGET_PER_DAY', { LOOKUP_BUDGET_PER_DAY: '' })).toBe(20_000);
    expect(setting('LOOKUP_BUDGET_PER_DAY', { LOOKUP_BUDGET_PER_DAY: '500' })).toBe(500);
    expect(setting('TOKEN_MAX_LIFETIME', { TOKEN_MAX_LIFETIME: '90m' })).toBe(5400);
    expect(setting('ROUTER_ENGINE', {})).toBe('hive');
    expect(setting('PLATFORM_JWKS', {})).toBeUndefined();
  });

  test.each([
    ['LOOKUP_BUDGET_PER_DAY', '20k', /LOOKUP_BUDGET_PER_DAY must be a whole number/],
    ['SUBGRAPH_MAX_DEPTH', '0', /SUBGRAPH_MAX_DEPTH/],
    ['EMBEDDED_PG_PORT', '70000', /EMBEDDED_PG_PORT/],
    ['NODE_ENV', 'prod', /NODE_ENV must be one of development, production, test/],
    ['ROUTER_ENGINE', 'apollo', /ROUTER_ENGINE must be one of hive, apollo-gateway/],
    ['TOKEN_MAX_LIFETIME', '12 hours', /TOKEN_MAX_LIFETIME must be seconds or a duration/],
    ['DATABASE_URL', 'mysql://x/y', /DATABASE_URL must be a postgres:\/\/ URL/],
    ['PLATFORM_JWKS_URL', 'not a url', /PLATFORM_JWKS_URL must be an http\(s\) URL/],
    ['PLATFORM_JWKS', '{"keys":', /PLATFORM_JWKS is not valid JSON/],
    ['AUDIT_CHECKPOINT_KEY', '{"kty":"OKP","crv":"Ed25519","x":"x"}', /AUDIT_CHECKPOINT_KEY is not an Ed25519 private JWK/],
  ])('%s=%s is an error naming the variable, not a default', (name, value, message) => {
    expect(() => setting(name as keyof typeof SETTINGS, { [name]: value })).toThrow(SettingError);
    expect(() => setting(name as keyof typeof SETTINGS, { [name]: value })).toThrow(message);
  });

  test('a malformed secret is reported without its value', () => {
    const secret = '{"keys":[{"kty":"OKP","crv":"Ed25519","d":"TOP-SECRET-SEED"';
    expect(() => setting('LICENSE_ISSUER_KEYS', { LICENSE_ISSUER_KEYS: secret })).toThrow(/LICENSE_ISSUER_KEYS/);
    try {
      setting('LICENSE_ISSUER_KEYS', { LICENSE_ISSUER_KEYS: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain('TOP-SECRET');
    }
    const problems = settingProblems({ kind: 'subgraph', subgraph: 'e-license' }, { ...PRODUCTION, LICENSE_ISSUER_KEYS: secret });
    expect(problems.join('\n')).toMatch(/LICENSE_ISSUER_KEYS/);
    expect(problems.join('\n')).not.toContain('TOP-SECRET');
  });

  test('every declared setting has a meaning and a group', () => {
    for (const [name, spec] of Object.entries(SETTINGS)) expect([name, spec.meaning.length > 10, Boolean(spec.group)]).toEqual([name, true, true]);
  });
});

describe('production needs, per process', () => {
  test('development needs nothing', () => {
    expect(settingProblems({ kind: 'launcher' }, {})).toEqual([]);
    expect(settingProblems({ kind: 'subgraph', subgraph: 'catalog' }, { NODE_ENV: 'development' })).toEqual([]);
  });

  test('production with nothing set: one line per missing setting, naming it', () => {
    const launcher = settingProblems({ kind: 'launcher' }, { NODE_ENV: 'production' });
    for (const name of ['PLATFORM_JWKS', 'PLATFORM_HMAC_KEY', 'SUBGRAPH_SIGNING_SECRET', 'LICENSE_ISSUER_KEYS', 'AUDIT_CHECKPOINT_KEY', 'DATABASE_URL']) {
      expect(launcher.filter((l) => l.startsWith(`missing ${name}`))).toHaveLength(1);
    }
    expect(launcher).toHaveLength(6);
    expect(settingProblems({ kind: 'router' }, { NODE_ENV: 'production' }).map((l) => /^missing (\w+)/.exec(l)?.[1])).toEqual([
      'PLATFORM_JWKS',
      'SUBGRAPH_SIGNING_SECRET',
      'DATABASE_URL',
    ]);
  });

  test('each key is needed by the processes that use it, no more (least privilege)', () => {
    expect(settingProblems({ kind: 'launcher' }, PRODUCTION)).toEqual([]);
    const noLicence = without('LICENSE_ISSUER_KEYS');
    expect(settingProblems({ kind: 'subgraph', subgraph: 'e-license' }, noLicence)).toEqual([expect.stringMatching(/^missing LICENSE_ISSUER_KEYS/)]);
    expect(settingProblems({ kind: 'subgraph', subgraph: 'population' }, noLicence)).toEqual([]);
    const noCheckpoint = without('AUDIT_CHECKPOINT_KEY');
    expect(settingProblems({ kind: 'subgraph', subgraph: 'catalog' }, noCheckpoint)).toEqual([expect.stringMatching(/^missing AUDIT_CHECKPOINT_KEY/)]);
    expect(settingProblems({ kind: 'router' }, without('PLATFORM_HMAC_KEY', 'LICENSE_ISSUER_KEYS', 'AUDIT_CHECKPOINT_KEY'))).toEqual([]);
    expect(settingProblems({ kind: 'migrate' }, { NODE_ENV: 'production', DATABASE_URL: SERVER })).toEqual([]);
  });

  test('PLATFORM_JWKS_URL satisfies the token keys; weak secrets are refused in production only', () => {
    expect(settingProblems({ kind: 'router' }, { ...without('PLATFORM_JWKS'), PLATFORM_JWKS_URL: 'https://idp.example/jwks' })).toEqual([]);
    expect(settingProblems({ kind: 'router' }, { ...PRODUCTION, SUBGRAPH_SIGNING_SECRET: 'short' })).toEqual([
      'SUBGRAPH_SIGNING_SECRET must be at least 32 characters in production',
    ]);
    expect(settingProblems({ kind: 'router' }, { SUBGRAPH_SIGNING_SECRET: 'short' })).toEqual([]);
    // Judged where it is used: the router never reads the pseudonym key.
    expect(settingProblems({ kind: 'router' }, { ...PRODUCTION, PLATFORM_HMAC_KEY: 'short' })).toEqual([]);
    expect(settingProblems({ kind: 'subgraph', subgraph: 'credit' }, { ...PRODUCTION, PLATFORM_HMAC_KEY: 'short' })).toEqual([
      'PLATFORM_HMAC_KEY must be at least 32 characters in production',
    ]);
  });

  test('databases: each one the process opens needs its own URL or DATABASE_URL', () => {
    const own = { ...without('DATABASE_URL'), POPULATION_DATABASE_URL: `${SERVER}x`, GOVERNANCE_DATABASE_URL: `${SERVER}y` };
    expect(settingProblems({ kind: 'subgraph', subgraph: 'population' }, own)).toEqual([]);
    expect(settingProblems({ kind: 'subgraph', subgraph: 'credit' }, own)).toEqual([
      'missing CREDIT_DATABASE_URL (or DATABASE_URL): required when NODE_ENV=production',
    ]);
    expect(settingProblems({ kind: 'router' }, own)).toEqual([]);
    expect(settingProblems({ kind: 'router' }, { ...PRODUCTION, CREDIT_DATABASE_URL: 'http://nope' })).toEqual([
      'CREDIT_DATABASE_URL must be a postgres:// URL',
    ]);
  });
});

describe('one URL per database', () => {
  test('its own variable wins; else DATABASE_URL with the prefixed name; LISTEN may go elsewhere', () => {
    withEnv(
      { DATABASE_URL: SERVER, DATABASE_PREFIX: 'city', POPULATION_DATABASE_URL: 'postgres://pop.example/people', GOVERNANCE_DATABASE_URL: undefined },
      () => {
        expect(databaseUrl('population')).toBe('postgres://pop.example/people');
        expect(databaseUrl('legal-person')).toBe('postgres://u@db.example:5432/city_legal_person');
        expect(listenDatabaseUrl()).toBe('postgres://u@db.example:5432/city_catalog');
        withEnv({ GOVERNANCE_DATABASE_URL: 'postgres://pooler.example:6432/gov', GOVERNANCE_LISTEN_DATABASE_URL: 'postgres://direct.example/gov' }, () => {
          expect(databaseUrl('catalog')).toBe('postgres://pooler.example:6432/gov');
          expect(listenDatabaseUrl()).toBe('postgres://direct.example/gov');
        });
      },
    );
  });

  test('no URL at all is an error naming both variables', () => {
    withEnv({ DATABASE_URL: undefined, CREDIT_DATABASE_URL: undefined }, () =>
      expect(() => databaseUrl('credit')).toThrow(/CREDIT_DATABASE_URL nor DATABASE_URL/),
    );
  });
});

test('production never falls back to the development pseudonym key', () => {
  withEnv({ NODE_ENV: 'production', PLATFORM_HMAC_KEY: undefined }, () => expect(() => hmacKey()).toThrow(/PLATFORM_HMAC_KEY/));
  withEnv({ NODE_ENV: 'development', PLATFORM_HMAC_KEY: undefined }, () => expect(hmacKey()).toMatch(/dev-only/));
});

test('README.md has the settings table as generated from the declarations (npm run settings:table)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(withSettingsTable(readme)).toBe(readme);
  for (const name of [...Object.keys(SETTINGS), 'POPULATION_DATABASE_URL', 'GOVERNANCE_DATABASE_URL']) expect(readme).toContain(`| \`${name}\` |`);
});
