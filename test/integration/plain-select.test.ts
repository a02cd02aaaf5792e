/**
 * The batch loaders of plain-data entities read by a prebuilt SELECT (platform/db/plain-select.ts,
 * issue 15) instead of MikroORM's query builder. This proves, on the seeded test databases, that
 * every such loader returns exactly what the query builder's plain mapping returns — the same
 * rows, the same properties, the same JavaScript types (dates as text, timestamps as Date, jsonb
 * parsed, floats as numbers) — so the resolvers cannot tell the difference.
 */
import type { EntityName } from '@mikro-orm/core';
import { openOrm } from '../../platform/db/orm';
import { findRows, PLAIN } from '../../platform/db/loaders';
import { plainSelect } from '../../platform/db/plain-select';
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { subgraph as population } from '../../subgraphs/population';
import { subgraph as legalPerson } from '../../subgraphs/legal-person';
import { subgraph as credit } from '../../subgraphs/credit';
import { subgraph as eLicense } from '../../subgraphs/e-license';
import { PersonEntity, HouseholdEntity } from '../../subgraphs/population/entities';
import { LegalPersonEntity } from '../../subgraphs/legal-person/entities';
import { CreditRecordEntity } from '../../subgraphs/credit/entities';
import { LicenseEntity } from '../../subgraphs/e-license/entities';

const urlOf = (name: string) => {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${process.env.DATABASE_PREFIX}_${name.replace(/-/g, '_')}`;
  return url.toString();
};

/** Every plain loader of the subgraphs (platform/db/loaders.ts callers with PLAIN): entity, key, order. */
const LOADERS: [SubgraphDefinition, EntityName<object>, string, Record<string, string>][] = [
  [population, PersonEntity, 'id', {}],
  [population, PersonEntity, 'householdId', { birthDate: 'asc', id: 'asc' }],
  [population, HouseholdEntity, 'id', {}],
  [legalPerson, LegalPersonEntity, 'id', {}],
  [legalPerson, LegalPersonEntity, 'legalRepresentativeId', { establishedDate: 'asc', id: 'asc' }],
  [credit, CreditRecordEntity, 'id', {}],
  [credit, CreditRecordEntity, 'decisionNumber', {}],
  [credit, CreditRecordEntity, 'subjectId', { decisionDate: 'desc', id: 'asc' }],
  [eLicense, LicenseEntity, 'id', {}],
  [eLicense, LicenseEntity, 'holderId', { issueDate: 'asc', id: 'asc' }],
  [eLicense, LicenseEntity, 'number', { id: 'asc' }],
];

test.each(LOADERS.map(([def, entity, key, order]) => [`${def.name} ${(entity as { name: string }).name}.${key}`, def, entity, key, order] as const))(
  '%s: the prebuilt SELECT returns what the query builder returns',
  async (_name, def, entity, key, order) => {
    const orm = await openOrm(def, urlOf(def.name));
    try {
      const em = orm.em.fork();
      const sample = await findRows(em, entity, {}, { limit: 40 }, PLAIN);
      const keys = [...new Set(sample.map((r) => String((r as Record<string, unknown>)[key])).filter((k) => k !== 'null' && k !== 'undefined'))];
      keys.push('no-such-key');
      expect(keys.length).toBeGreaterThan(1);
      const fast = plainSelect(em, entity, key, order);
      expect(fast).toBeDefined();
      const viaSql = await fast!(keys);
      const viaBuilder = await findRows(em, entity, { [key]: { $in: keys } }, { orderBy: order }, PLAIN);
      expect(viaSql.length).toBeGreaterThan(0);
      // Same rows in the same order (the loaders' order; by id where the order does not say), over
      // the entity's properties (the builder's `select *` also hands on unmapped columns, which no
      // resolver reads, e.g. a licence's updated_at).
      const props = em
        .getMetadata()
        .find(entity as never)!
        .props.map((p) => p.name);
      const mapped = (r: object) => Object.fromEntries(props.map((p) => [p, (r as Record<string, unknown>)[p]]));
      const inOrder = (rows: object[]) => (Object.keys(order).length ? rows : [...rows].sort((a: any, b: any) => (a.id < b.id ? -1 : 1)));
      const byId = (rows: object[]) => inOrder(rows).map(mapped);
      expect(byId(viaSql)).toEqual(byId(viaBuilder));
      // And the same JavaScript types, property by property.
      const types = (r: object) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? 'Date' : v === null ? 'null' : typeof v]));
      expect(byId(viaSql).map(types)).toEqual(byId(viaBuilder).map(types));
    } finally {
      await orm.close();
    }
  },
);
