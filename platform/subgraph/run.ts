/**
 * A subgraph process: its own database (created if missing), migrations applied, demo data seeded
 * when empty (if SEED_SCALE is set), then the schema served on its port. With NODE_ENV=production
 * the settings are checked first (a missing key stops it), the database is neither created nor
 * migrated (pending migrations stop it: `npm run migrate` does that) and never seeded.
 */
import 'reflect-metadata';
import { observeGrantStore, observePool } from '../observability/metrics';
import type { MikroORM } from '@mikro-orm/postgresql';
import { databaseUrl, listenDatabaseUrl } from '../db/databases';
import { startTracing, stopTracing } from '../observability/tracing';
import { openOrm } from '../db/orm';
import { statementTimeoutMs } from '../db/statement-timeout';
import { assertMigrated, migrateDatabase } from '../db/migrate';
import { isProduction, setting } from '../settings/read';
import { checkSettingsOrExit } from '../settings/check';
import type { SubgraphContext, SubgraphDefinition } from './definition';
import { governanceSubgraph, loadSeeder, subgraphEntry } from './registry';
import { governanceDatabaseUrl } from '../governance';
import { Pool } from 'pg';
import { GrantStore } from '../policy/grants';
import { AuditWriter } from '../audit/writer';
import { cursorSealsOnly, protectSchema } from '../policy/protect';
import { benchPolicyOff } from '../policy/bench-policy-off';
import { hmacKey, usingDevHmacKey } from '../config';
import { usingDevKeys } from '../identity/keys';
import { signingSecret, usingDevSigningSecret } from '../identity/subgraph-signature';
import { structuralTypeNames } from '../policy/directive';
import { buildFederatedSchema } from './schema';
import { serveSubgraph } from './server';
import { reportRefresh } from './refresh';
import { LookupBudget } from '../policy/lookup-budget';
import { RegisterStore, setActiveRegister } from '../policy/register';
import { declarationsOf, syncRegister } from './register-sync';

export async function prepareDatabase(def: SubgraphDefinition, seedScale?: number, log = console.log): Promise<MikroORM> {
  const server = setting('DATABASE_URL');
  if (!isProduction()) {
    const applied = await migrateDatabase(def, server, log);
    if (applied.length) log(`${def.name}: applied migrations ${applied.join(', ')}`);
  }
  const url = databaseUrl(def.name, server);
  // Serving statements are bounded by the router's timeout; the seed (bulk inserts) is not.
  const orm = await openOrm(def, url, 10, statementTimeoutMs(def.name));
  if (isProduction()) {
    try {
      await assertMigrated(def, orm);
    } catch (e) {
      await orm.close();
      throw e;
    }
  }
  // Demo agencies, grants and the synthetic city are for development: a production database is
  // never seeded, empty or not (the bureau registers agencies with Mutation.registerAgency).
  if (seedScale && isProduction()) log(`${def.name}: NODE_ENV=production: demo data is not seeded`);
  const seeder = seedScale && !isProduction() ? loadSeeder(subgraphEntry(def.name), def) : undefined;
  if (seedScale && seeder && (await seeder.isEmpty(orm.em.fork()))) {
    const started = Date.now();
    const seeding = await openOrm(def, url, 2);
    try {
      await seeder.seed(seeding.em.fork(), { scale: seedScale, log: (l) => log(`${def.name}: ${l}`) });
    } finally {
      await seeding.close();
    }
    log(`${def.name}: seeded demo data (scale ${seedScale}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await reportRefresh(def, orm, server ?? '', 'seed', log);
  }
  return orm;
}

/** A string or a list of strings is a subject (or several); anything else names none. */
function subjectKeys(key: unknown): string | string[] | undefined {
  return typeof key === 'string' || Array.isArray(key) ? (key as string | string[]) : undefined;
}

export async function runSubgraph(def: SubgraphDefinition): Promise<void> {
  checkSettingsOrExit({ kind: 'subgraph', subgraph: def.name });
  // Before the ORM opens: its SQL spans are wired only when tracing is on.
  startTracing(def.name);
  const port = setting('PORT') ?? subgraphEntry(def.name).port;
  const seedScale = setting('SEED_SCALE');
  if (usingDevKeys()) console.warn(`${def.name}: warning: verifying tokens with the generated development keys (set PLATFORM_JWKS or PLATFORM_JWKS_URL)`);
  if (usingDevSigningSecret())
    console.warn(
      `${def.name}: warning: SUBGRAPH_SIGNING_SECRET is not set; checking router signatures with the generated development secret (.data/subgraph-signing-secret)`,
    );
  signingSecret(); // read (or create) it now, not on the first request
  if (usingDevHmacKey()) console.warn(`${def.name}: warning: PLATFORM_HMAC_KEY is not set; using the development pseudonym key`);
  const orm = await prepareDatabase(def, seedScale);
  const governanceUrl = governanceDatabaseUrl();
  // LISTEN needs a session: behind a transaction pooler, GOVERNANCE_LISTEN_DATABASE_URL is a direct connection.
  const grants = new GrantStore(listenDatabaseUrl());
  await grants.start();
  observeGrantStore(() => grants.reloadedAt);
  // An idle pooled connection that the server drops (restart, pg_terminate_backend) emits 'error'
  // on the pool; unheard, that kills the process. The pool replaces the connection by itself, and
  // a write on a dead one fails closed with AUDIT_UNAVAILABLE (platform/audit/plugin.ts).
  const auditPool = new Pool({ connectionString: governanceUrl, max: 4 });
  auditPool.on('error', (e) => console.error(`${def.name}: audit pool connection lost (${e.message}); it reconnects on next use`));
  const audit = new AuditWriter(auditPool);
  observePool('audit', () => ({ used: auditPool.totalCount - auditPool.idleCount, free: auditPool.idleCount, pending: auditPool.waitingCount }));
  const lookupPool = new Pool({ connectionString: governanceUrl, max: 2 });
  lookupPool.on('error', (e) => console.error(`${def.name}: lookup budget connection lost (${e.message}); it reconnects on the next request`));
  const lookups = new LookupBudget(lookupPool);
  const built = await buildFederatedSchema(def);
  // The catalogue register (issue 10): this release's declarations first, then the live register.
  const synced = await syncRegister(governanceUrl, declarationsOf(built.schema, built.policies, def.name === governanceSubgraph()), {
    agency: def.provider,
    operator: `release:${def.name}`,
  });
  for (const t of synced.tightened) console.log(`${def.name}: catalogue register: ${t.item} tightened by this release (${t.attributes.join(', ')})`);
  for (const k of synced.keptStricter)
    console.log(`${def.name}: catalogue register: ${k.item} stays stricter than this release declares (${k.attributes.join(', ')}): code never loosens it`);
  // LISTENs, like the grant store: the direct connection when a pooler sits in front.
  const register = new RegisterStore(listenDatabaseUrl());
  await register.start();
  setActiveRegister(register);
  const policyOff = benchPolicyOff();
  if (policyOff) console.warn(`${def.name}: WARNING: BENCH_POLICY_OFF=true: serving WITHOUT shield, masking and audit (benchmark only)`);
  const schema = policyOff
    ? cursorSealsOnly(built.schema, built.policies)
    : protectSchema(built.schema, built.policies, {
        structuralTypes: structuralTypeNames(),
        hashKey: hmacKey(),
        subjectOf: (typeName, row, ctx) => {
          const pick = def.auditSubjects?.[typeName];
          const key = pick ? pick(row, ctx as SubgraphContext) : (row as { id?: unknown } | null)?.id;
          return key instanceof Promise ? key.then(subjectKeys) : subjectKeys(key);
        },
      });
  const running = await serveSubgraph(def, schema, orm, port, setting('HOST'), { grants, register, audit, lookups, auditOff: policyOff });
  console.log(`${def.name} subgraph ready at ${running.url}`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return; // a second signal while closing changes nothing
    stopping = true;
    // Draining first (SHUTDOWN_DRAIN_MS): /ready says 503 while requests are still served.
    running.drain();
    await new Promise((r) => setTimeout(r, setting('SHUTDOWN_DRAIN_MS')));
    // In-flight requests finish, and write their audit, before the pools close.
    await running.close(setting('SHUTDOWN_GRACE_MS'));
    await Promise.all([orm.close(), grants.close(), register.close(), audit.close(), lookupPool.end()]);
    await stopTracing();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

export function main(def: SubgraphDefinition): void {
  runSubgraph(def).catch((e: unknown) => {
    console.error(`${def.name} subgraph failed to start:`, e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
