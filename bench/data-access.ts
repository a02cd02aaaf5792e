/**
 * `DATABASE_PREFIX=… node dist/bench/data-access.js`: what hydration costs, per kind of read, on
 * seeded databases (`npm run seed` with the same DATABASE_PREFIX first). For each read it times
 * MikroORM's `em.find` (managed, hydrated entities in an identity map) against the plain-row read
 * of platform/db/loaders.ts (`findRows` with PLAIN: query builder, rows mapped to property names,
 * not hydrated), each on a fresh request-scoped EntityManager, alternating, after a warm-up.
 * The figures behind docs/DECISIONS.md "Issue 9: data access".
 */
import 'reflect-metadata';
import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { databaseName, serverUrl, withDatabase } from '../platform/db/databases';
import { findRows, PLAIN } from '../platform/db/loaders';
import { openOrm } from '../platform/db/orm';
import { loadSubgraph, subgraphEntry } from '../platform/subgraph/registry';
import { setting } from '../platform/settings/read';
import { PersonEntity } from '../subgraphs/population/entities';
import { LegalPersonEntity } from '../subgraphs/legal-person/entities';
import { CreditRecordEntity } from '../subgraphs/credit/entities';
import { LicenseEntity } from '../subgraphs/e-license/entities';

interface Read<T extends object> {
  label: string;
  subgraph: string;
  entity: EntityName<T>;
  where: (orm: MikroORM) => Promise<FilterQuery<T>>;
  // eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- MikroORM's types are {} for a generic entity T
  orderBy: QueryOrderMap<T>;
  limit?: number;
}

const ROUNDS = setting('ROUNDS');

async function time<T extends object>(orm: MikroORM, r: Read<T>, where: FilterQuery<T>, plain: boolean): Promise<number> {
  const em = orm.em.fork();
  const t0 = process.hrtime.bigint();
  await findRows(em, r.entity, where, { orderBy: r.orderBy, limit: r.limit }, plain ? PLAIN : {});
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function measure<T extends object>(r: Read<T>): Promise<string> {
  const def = loadSubgraph(subgraphEntry(r.subgraph));
  const orm = await openOrm(def, withDatabase(serverUrl(), databaseName(r.subgraph)), 2);
  try {
    const where = await r.where(orm);
    const rows = (await findRows(orm.em.fork(), r.entity, where, { orderBy: r.orderBy, limit: r.limit }, PLAIN)).length;
    for (let i = 0; i < 30; i++) await Promise.all([time(orm, r, where, false), time(orm, r, where, true)]);
    const hydrated: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      hydrated.push(await time(orm, r, where, false));
      plain.push(await time(orm, r, where, true));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const h = median(hydrated);
    const p = median(plain);
    return `| ${r.label} | ${rows} | ${h.toFixed(3)} ms | ${p.toFixed(3)} ms | ${(((h - p) / h) * 100).toFixed(0)} % |`;
  } finally {
    await orm.close();
  }
}

async function firstSubjects(orm: MikroORM, n: number): Promise<string[]> {
  const rows: { subject_id: string }[] = await orm.em
    .getConnection()
    .execute(`SELECT subject_id FROM credit_record GROUP BY subject_id ORDER BY count(*) DESC, subject_id LIMIT ${n}`);
  return rows.map((r) => r.subject_id);
}

async function main(): Promise<void> {
  const reads: Read<any>[] = [
    { label: 'population: a page of 50 persons', subgraph: 'population', entity: PersonEntity, where: async () => ({}), orderBy: { id: 'asc' }, limit: 51 },
    {
      label: 'legal-person: a page of 50 legal persons',
      subgraph: 'legal-person',
      entity: LegalPersonEntity,
      where: async () => ({}),
      orderBy: { id: 'asc' },
      limit: 51,
    },
    { label: 'credit: a page of 50 records', subgraph: 'credit', entity: CreditRecordEntity, where: async () => ({}), orderBy: { id: 'asc' }, limit: 51 },
    {
      label: 'credit: records of 50 subjects (profiles of a page)',
      subgraph: 'credit',
      entity: CreditRecordEntity,
      where: async (orm) => ({ subjectId: { $in: await firstSubjects(orm, 50) } }),
      orderBy: { decisionDate: 'desc', id: 'asc' },
    },
    {
      label: 'e-license: a page of 50 licences (jsonb content)',
      subgraph: 'e-license',
      entity: LicenseEntity,
      where: async () => ({}),
      orderBy: { id: 'asc' },
      limit: 51,
    },
  ];
  console.log(`median of ${ROUNDS} alternating rounds, database prefix ${setting('DATABASE_PREFIX')}\n`);
  console.log('| read | rows | em.find (hydrated) | plain rows | saved |\n| --- | --- | --- | --- | --- |');
  for (const r of reads) console.log(await measure(r));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
