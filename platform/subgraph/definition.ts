/**
 * What a subgraph folder hands to the platform: its entities, GraphQL resolvers, reference
 * resolvers, per-request loaders, migrations and seed. `platform/` never names a subgraph; it
 * only ever sees one of these.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import type { NonEmptyArray } from 'type-graphql';
import type { RequestPolicy } from '../policy/request';
import type { SubjectKeys } from '../audit/collector';
import type { IngestSpec } from '../ingest/spec';

export interface SubgraphContext<L = Record<string, unknown>> {
  /** Who asks, for which purpose, and what the policy decided (platform/policy). */
  policy: RequestPolicy;
  /** A request-scoped MikroORM entity manager (identity map per request). */
  em: EntityManager;
  /** Request-scoped DataLoaders, built by the subgraph's `loaders` factory. */
  loaders: L;
  requestId: string;
  /** The client's own request id, forwarded by the router as x-correlation-id (audit only). */
  correlationId?: string | null;
}

// `any` below: the platform hands rows and references of every subgraph's own types through these
// hooks; each subgraph types its side (loaders, rows), the platform cannot.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReferenceResolvers = Record<string, { __resolveReference: (ref: any, ctx: SubgraphContext<any>) => unknown }>;

export interface SeedOptions {
  /** Number of persons in the synthetic city; every other count derives from it. */
  scale: number;
  log: (line: string) => void;
}

/** How a subgraph's database is filled with deterministic demo data. */
export interface Seeder {
  /** Loads the demo data into an empty database (bulk, not row by row). */
  seed: (em: EntityManager, options: SeedOptions) => Promise<void>;
  /** True when the database holds no data yet (decides whether `npm start` seeds). */
  isEmpty: (em: EntityManager) => Promise<boolean>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see ReferenceResolvers
export interface SubgraphDefinition<L = any> {
  /** Name in the composition config and the supergraph, e.g. `population`. */
  name: string;
  /** Agency code of the providing department (Art. 10). */
  provider: string;
  entities: Constructor<object>[];
  resolvers: NonEmptyArray<Function>;
  /** Types declared only to be referenced from other subgraphs' entities need no resolvers here. */
  orphanedTypes?: Function[];
  referenceResolvers: ReferenceResolvers;
  loaders: (em: EntityManager) => L;
  migrations: MigrationObject[];
  /** Demo data the subgraph writes itself (the catalog's agency register). Synthetic demo data
   *  lives in `seed/<name>.ts` instead, named by the entry's `seed` in schema/subgraphs.json, so
   *  that `seed/` depends on subgraphs and never the reverse (registry.ts loadSeeder). */
  seed?: Seeder['seed'];
  /** The data subject a row of a type is about, for the audit trail (default: the row's `id`,
   *  right for Person and LegalPerson and their stubs). E.g. `{ License: (row) => row.holderId }`.
   *  A group record names every member too (a household → its members' person keys), so that
   *  each member's access history shows the read. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see ReferenceResolvers
  auditSubjects?: Record<string, (row: any, ctx: SubgraphContext<L>) => SubjectKeys | Promise<SubjectKeys>>;
  /** Counts for refresh reports when one table holds several catalogue resources (电子证照库: one
   *  resource per licence kind); default: one count per entity table (refresh.ts). */
  refreshCounts?: (em: EntityManager) => Promise<{ tableName: string; typeName: string; records: number }[]>;
  /** Resources a provider may load with `npm run ingest` (issue 11), by GraphQL type name. */
  ingest?: IngestSpec[];
  /** Tables `npm run seed` must never truncate (the audit trail). */
  preserveOnReseed?: string[];
  /** With `seed`: true when the database holds no data yet (decides whether `npm start` seeds). */
  isEmpty?: Seeder['isEmpty'];
}
