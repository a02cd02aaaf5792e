/**
 * One shape for every base database's change history as GraphQL (issue 11): a `<Type>Change`
 * object (the record's key, when, what kind, the readable changed items with their new and old
 * values, who), its connection, a `<type>ChangesSince(since:, first:, after:)` query and a field
 * back to the record as it is now. A subgraph declares what differs — the resource, the names, how
 * to load its records — and gets the same policy, masking, paging and audit as personChangesSince.
 *
 * The changed values are a composite whose keys are the record type's fields, each served under
 * that item's decision and mask (platform/policy/composite.ts); `items` maps a field to a stricter
 * item where a stored value is served under another item (a credit record's content).
 * Who made the change and the old values are the provider's accountability record: CONDITIONAL,
 * HASH-masked for anyone a grant would reach.
 */
import { Arg, ClassType, Ctx, Field, FieldResolver, ID, Info, Int, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { PARAMETER, Resource, Sharing, type FieldPolicy } from '../policy/metadata';
import { readFieldPolicy } from '../policy/directive';
import { validateFirst } from '../graphql/connection';
import { emSql } from '../db/sql';
import type { SubgraphContext } from '../subgraph/definition';
import type { IngestSpec } from '../ingest/spec';
import { changesSince, parseSince, type ChangeRow } from './changes';
import { ChangeConnection } from './connection';
import { changeItems } from './items';

export { changeItems };

export enum ChangeKind {
  INSERT = 'INSERT',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(ChangeKind, { name: 'ChangeKind', description: 'A new record, a change to one, or its removal' });

export interface ChangeResourceOptions {
  /** The resource's ingest declaration: type name, table, field → column. */
  spec: IngestSpec;
  provider: string;
  /** Catalogue entry of the change resource (`HY-RK-003 人口信息变更记录`). */
  resource: { code: string; name: string; summary: string; computedFrom: string };
  /** Field holding the record's pseudonymous key (`personId`) and its description. */
  keyField: string;
  keyDescription: string;
  /** Field reaching the record as it is now (`person`), its GraphQL type and description. */
  recordField: string;
  recordType: () => ClassType;
  recordDescription: string;
  /** The query's name (`personChangesSince`) and description. */
  queryName: string;
  queryDescription: string;
  /** Description of `values` (what its keys are). */
  valuesDescription: string;
  /** Field → item where a value is served as another item than `<Type>.<field>`. */
  items?: Record<string, string>;
  /** The records by key, request-scoped (a DataLoader's loadMany): for row scopes and `recordField`. */
  load: (ctx: SubgraphContext, ids: string[]) => Promise<unknown[]>;
  /**
   * Presents one change's values for this reader before the composite step, where a stored value
   * carries another item (a registered address that is a household's): may replace or drop
   * values. `record` is the record as it is now (undefined when it is gone).
   */
  present?: (ctx: SubgraphContext, change: ChangeRow, record: unknown) => void;
  /** Whether the caller may know of a record at all (undefined: a record that is gone). */
  visible?: (ctx: SubgraphContext, record: unknown) => boolean;
}

/** Fields of a change anyone who may see the change may see: they tell no more than the edge. */
export const FACT = (provider: string): FieldPolicy => ({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider });
/** Who changed a record: the provider's own accountability record (Art. 11), masked for others. */
export const WHO = (provider: string): FieldPolicy => ({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'HASH', provider });

function changeType(o: ChangeResourceOptions, items: Record<string, string>): ClassType {
  const name = `${o.spec.typeName}Change`;
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- an empty class named at run time; its fields are added below
  const cls = { [name]: class {} }[name];
  const field = (key: string, type: () => unknown, options: { nullable?: boolean; description?: string }, policy: FieldPolicy) => {
    Field(type as never, options)(cls.prototype, key);
    Sharing(policy)(cls.prototype, key);
  };
  field(o.keyField, () => ID, { description: o.keyDescription }, FACT(o.provider));
  field('changedAt', () => String, { description: 'When the change was committed (ISO 8601)' }, FACT(o.provider));
  field('kind', () => ChangeKind, {}, FACT(o.provider));
  field(
    'values',
    () => GraphQLJSONObject,
    { nullable: true, description: o.valuesDescription },
    { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: o.provider, composite: items },
  );
  field(
    'oldValues',
    () => GraphQLJSONObject,
    { nullable: true, description: 'The same items before the change (the provider sees them in full)' },
    { type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', provider: o.provider, composite: items },
  );
  field(
    'agency',
    () => String,
    { nullable: true, description: 'The agency that made the change (its provider; database:<user> for a change made outside the platform)' },
    WHO(o.provider),
  );
  field('operator', () => String, { nullable: true, description: 'The operator who made the change' }, WHO(o.provider));
  Resource({ ...o.resource, updateCycle: 'REAL_TIME', provider: o.provider })(cls);
  ObjectType(name, { description: `One change to a ${o.spec.typeName} record, as far as the reader may see it.` })(cls);
  return cls as ClassType;
}

/** The change type, its connection and the resolver of `<queryName>` and `<recordField>`. */
export function changeResource(o: ChangeResourceOptions): { type: ClassType; resolver: Function } {
  const items = changeItems(o.spec, o.items);
  const type = changeType(o, items);
  const connection = ChangeConnection(type, `${o.spec.typeName}Change`);
  const listing: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: o.provider, args: { since: PARAMETER } };
  const columns = Object.fromEntries(Object.keys(items).map((f) => [f, o.spec.columns[f]]));

  @Resolver(() => type)
  class ChangeResolver {
    @Query(() => connection, { name: o.queryName, description: o.queryDescription })
    @Sharing(listing)
    async changesSince(
      @Arg('since', () => String, { description: 'ISO 8601 instant: changes committed at or after it' }) since: string,
      @Ctx() ctx: SubgraphContext,
      @Info() info: GraphQLResolveInfo,
      @Arg('first', () => Int, { nullable: true }) first?: number,
      @Arg('after', () => String, { nullable: true }) after?: string,
    ) {
      const size = validateFirst(first);
      const at = parseSince(since);
      const policyOf = (item: string) => {
        const [typeName, fieldName] = item.split('.');
        return readFieldPolicy(info.schema, (info.schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName])!;
      };
      let records = new Map<string, unknown>();
      const rowsOf = async (ids: string[]) => {
        const rows = await o.load(ctx, ids);
        const found = new Map(ids.map((id, i) => [id, rows[i] instanceof Error ? undefined : rows[i]]));
        records = new Map([...records, ...found]);
        return found;
      };
      const p = await changesSince(emSql(ctx.em), {
        table: o.spec.table,
        columns,
        decide: (f) => ctx.policy.decision(items[f], policyOf(items[f])),
        rowsOf,
        visible: o.visible ? (row) => o.visible!(ctx, row) : undefined,
        since: at,
        after: after ?? undefined,
        first: size,
      });
      if (o.present) {
        const missing = p.edges.map((e) => e.node.recordId).filter((id) => !records.has(id));
        if (missing.length) await rowsOf([...new Set(missing)]);
        for (const e of p.edges) o.present(ctx, e.node, records.get(e.node.recordId));
      }
      return {
        edges: p.edges.map((e) => ({
          cursor: e.cursor,
          node: {
            [o.keyField]: e.node.recordId,
            changedAt: e.node.changedAt.toISOString(),
            kind: e.node.kind,
            values: e.node.values,
            oldValues: e.node.oldValues,
            agency: e.node.agency,
            operator: e.node.operator,
          },
        })),
        pageInfo: p.pageInfo,
      };
    }

    @FieldResolver(() => o.recordType(), { name: o.recordField, nullable: true, description: o.recordDescription })
    @Sharing({ ...FACT(o.provider), level: 'L2', inverse: 'none: a change names its record; a record lists no changes' })
    async record(@Root() change: Record<string, string>, @Ctx() ctx: SubgraphContext) {
      const [row] = await o.load(ctx, [change[o.keyField]]);
      return row instanceof Error ? null : (row ?? null);
    }
  }
  return { type, resolver: ChangeResolver };
}
