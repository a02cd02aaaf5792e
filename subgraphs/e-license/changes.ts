/**
 * What changed in 电子证照库 since a time (issue 11, item 2): `licenseChangesSince`. One table holds
 * every kind, and each kind is its own catalogue resource whose items (`BusinessLicense.status`,
 * `BusinessLicense.businessScope`…) its responsible agency provides, so a change is read item by
 * item of its own kind: a changed column maps to the kind's common item (`holder_name` →
 * `<Kind>.holderName`), a changed content to the content items whose values differ. The rules of
 * every other `…ChangesSince` (platform/history/changes.ts) hold: a change is listed only when one
 * of its changed items is one the caller may read (for a row-scoped grant, on a licence inside the
 * scope); a change touching only other items leaves no edge, key, time or count; the values are
 * served item by item under each item's decision and mask, and a name or address the licence
 * carries under Person.name / Person.householdAddress (carried.ts), as a read of the licence.
 *
 * Each kind has its own change type (`BusinessLicenseChange`, implementing `LicenseChange`) and
 * catalogue resource, provided by the kind's provider: that provider, not the bureau hosting the
 * database, reads who changed its licences and the old values, and `values` is keyed by the kind's
 * own fields (`{ "validTo": "2099-12-31" }`), as in every other change type. Never in a change: the holder's key (read through `license { holder }` under its own policy),
 * the salt (secret), the carried columns and the issuer's name (it follows `issuer`).
 */
import { Arg, ClassType, Ctx, Field, ID, Info, Int, InterfaceType, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import { PARAMETER, Resource, Sharing, type FieldPolicy } from '../../platform/policy/metadata';
import { readFieldPolicy } from '../../platform/policy/directive';
import { inScope, type Decision } from '../../platform/policy/decide';
import { validateFirst } from '../../platform/graphql/connection';
import { emSql, pgArray } from '../../platform/db/sql';
import { ChangeKind, FACT, WHO } from '../../platform/history/resource';
import { noChanges, parseSince, walkChanges } from '../../platform/history/changes';
import { ChangeConnection } from '../../platform/history/connection';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { LICENSE_TYPES, licenseType, type LicenseTypeInfo } from './catalogue';
import { contentFieldsOf, itemPolicies, readContentField } from './items';
import { serveCarried } from './carried';
import { licenseView } from './views';
import type { LicenseEntity } from './entities';
import type { ELicenseLoaders } from './loaders';
import { License, LicenseType, PROVIDER } from './types';

type Ctx = SubgraphContext<ELicenseLoaders>;

/** Stored column → the kind's common field it is served as. Columns not named here are never in a change. */
const COMMON_COLUMNS: Record<string, string> = {
  number: 'number',
  holder_kind: 'holderKind',
  holder_name: 'holderName',
  issuer_code: 'issuer',
  issue_date: 'issueDate',
  valid_from: 'validFrom',
  valid_to: 'validTo',
  status: 'status',
  status_reason: 'statusReason',
  signature: 'signature',
  photo_digest: 'photoDigest',
  fingerprint_enrolled: 'fingerprintEnrolled',
};

/** The items a change of kind `t` may carry: its common fields and its content fields, by field. */
function changeFieldsOf(t: LicenseTypeInfo): string[] {
  const policies = itemPolicies(t);
  const fields = [...Object.values(COMMON_COLUMNS), ...contentFieldsOf(t.code).map((c) => c.field)];
  return [...new Set(fields)].filter((f) => policies.has(`${t.graphqlName}.${f}`));
}

/** The changed fields of one history row, for its kind: common columns, and content items whose value differs. */
export function changedFields(
  t: LicenseTypeInfo,
  columns: string[],
  oldValues: Record<string, unknown> | null,
  newValues: Record<string, unknown> | null,
): Map<string, { old: unknown; new: unknown }> {
  const out = new Map<string, { old: unknown; new: unknown }>();
  const allowed = new Set(changeFieldsOf(t));
  for (const col of columns) {
    const field = COMMON_COLUMNS[col];
    if (field && allowed.has(field)) out.set(field, { old: oldValues?.[col] ?? null, new: newValues?.[col] ?? null });
  }
  if (columns.includes('content')) {
    const before = (oldValues?.content ?? {}) as Record<string, unknown>;
    const after = (newValues?.content ?? {}) as Record<string, unknown>;
    for (const c of contentFieldsOf(t.code)) {
      const o = oldValues ? readContentField(before, t.code, c.field) : null;
      const n = newValues ? readContentField(after, t.code, c.field) : null;
      if (o !== n) out.set(c.field, { old: o, new: n });
    }
  }
  return out;
}

/**
 * A change to a licence. Each kind has its own change type (`BusinessLicenseChange`), a catalogue
 * resource of the kind's provider, so that its provider — not the bureau hosting the database —
 * reads who changed it and the old values, and `values` is keyed by the kind's own fields.
 */
@InterfaceType('LicenseChange', {
  description:
    'One change to a licence, as far as the reader may see it. Each kind is its own type (BusinessLicenseChange, …), provided by the kind’s provider.',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class LicenseChange {
  @Field(() => ID, { nullable: true, description: "The licence's pseudonymous key (License.id)" })
  licenseId: string | null;

  @Field(() => LicenseType, { nullable: true, description: 'The kind of licence' })
  type: LicenseType | null;

  @Field(() => String, { nullable: true, description: 'When the change was committed (ISO 8601)' })
  changedAt: string | null;

  @Field(() => ChangeKind, { nullable: true })
  kind: ChangeKind | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The changed items the reader may read, by field of the kind, each served as a read of that item',
  })
  values: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The same items before the change (the kind’s provider sees them in full)' })
  oldValues: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'The agency that made the change (the kind’s provider; database:<user> outside the platform)' })
  agency: string | null;

  @Field(() => String, { nullable: true, description: 'The operator who made the change' })
  operator: string | null;

  @Field(() => License, { nullable: true, description: 'The licence as it is now (each field under its own policy)' })
  license: unknown;
}

/** The change type of one kind: the interface's fields under the kind's provider, values keyed by its fields. */
function defineChangeKind(t: LicenseTypeInfo, index: number): Function {
  const name = `${t.graphqlName}Change`;
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- an empty class named at run time; its fields are added below
  const cls = { [name]: class {} }[name];
  const items = Object.fromEntries(changeFieldsOf(t).map((f) => [f, `${t.graphqlName}.${f}`]));
  const field = (key: string, type: () => unknown, description: string, policy: FieldPolicy) => {
    Field(type as never, { nullable: true, description })(cls.prototype, key);
    Sharing(policy)(cls.prototype, key);
  };
  field('licenseId', () => ID, "The licence's pseudonymous key (License.id)", FACT(t.provider));
  field('type', () => LicenseType, 'The kind of licence', FACT(t.provider));
  field('changedAt', () => String, 'When the change was committed (ISO 8601)', FACT(t.provider));
  field('kind', () => ChangeKind, 'A new licence, a change to one, or its removal', FACT(t.provider));
  field('values', () => GraphQLJSONObject, `The changed items the reader may read, by ${t.graphqlName} field, each served as that item`, {
    type: 'UNCONDITIONAL',
    open: 'CLOSED',
    level: 'L2',
    provider: t.provider,
    composite: items,
  });
  field('oldValues', () => GraphQLJSONObject, 'The same items before the change (the provider sees them in full)', {
    type: 'CONDITIONAL',
    open: 'CLOSED',
    level: 'L3',
    provider: t.provider,
    composite: items,
  });
  field('agency', () => String, 'The agency that made the change', WHO(t.provider));
  field('operator', () => String, 'The operator who made the change', WHO(t.provider));
  field('license', () => License, 'The licence as it is now (each field under its own policy)', {
    ...FACT(t.provider),
    level: 'L2',
    inverse: 'none: a change names its licence; a licence lists no changes',
  });
  Resource({
    code: `HY-ZZ-${String(201 + index).padStart(3, '0')}`,
    name: `电子证照变更记录：${t.name}`,
    summary: `${t.name}每条记录的变更：时间、变更项与新值（按项共享与脱敏）`,
    updateCycle: 'REAL_TIME',
    provider: t.provider,
    computedFrom: `电子证照：${t.name} (${t.resourceCode}) 的变更历史`,
  })(cls);
  ObjectType(name, { implements: LicenseChange, description: `One change to a ${t.name} (${t.code}), as far as the reader may see it` })(cls);
  return cls;
}

/** One change type a kind, in catalogue order. */
export const LICENSE_CHANGE_TYPES: Function[] = LICENSE_TYPES.map(defineChangeKind);

const Connection = ChangeConnection(LicenseChange as unknown as ClassType<LicenseChange>, 'LicenseChange');

/** A change on its way to a page: its place in the history is its cursor, its holder the audit subject. */
interface Listed {
  seq: string;
  __typename: string;
  licenseId: string;
  type: LicenseTypeInfo;
  changedAt: string;
  kind: ChangeKind;
  values: Record<string, unknown> | null;
  oldValues: Record<string, unknown> | null;
  agency: string;
  operator: string | null;
  license: () => Promise<unknown>;
  holderId: string;
}

interface HistoryRow {
  seq: string;
  record_id: string;
  changed_at: Date;
  agency: string;
  operator: string | null;
  kind: ChangeKind;
  fields: string[];
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
  type_code: string;
}

/**
 * Values by field of the kind. Each value is a getter over a plain view of the licence's fields,
 * so that a name or address the licence carries is served (and audited) as its Person item only
 * when the composite step reads it, i.e. when the item is served.
 */
function carriedValues(ctx: Ctx, t: LicenseTypeInfo, values: Map<string, unknown>, row: LicenseEntity | undefined): Record<string, unknown> {
  const view: Record<string, unknown> = Object.fromEntries(values);
  if (row) serveCarried(view, row, t.provider, ctx.policy);
  const out: Record<string, unknown> = {};
  for (const field of values.keys()) Object.defineProperty(out, field, { enumerable: true, get: () => view[field] });
  return out;
}

@Resolver()
export class LicenseChangeResolver {
  @Query(() => Connection, {
    name: 'licenseChangesSince',
    description:
      'Changes to licences since a time, oldest first: only changes to items of the kinds the caller may read for its purpose, each value as a read of its item',
  })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, args: { since: PARAMETER } })
  async licenseChangesSince(
    @Arg('since', () => String, { description: 'ISO 8601 instant: changes committed at or after it' }) since: string,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const size = validateFirst(first);
    const at = parseSince(since);
    // The caller's decision for every item of every kind; a kind with no readable item is not asked for.
    const decisions = new Map<string, Map<string, Extract<Decision, { allowed: true }>>>();
    for (const t of LICENSE_TYPES) {
      const fields = (info.schema.getType(t.graphqlName) as GraphQLObjectType).getFields();
      const readable = new Map<string, Extract<Decision, { allowed: true }>>();
      for (const f of changeFieldsOf(t)) {
        const d = ctx.policy.decision(`${t.graphqlName}.${f}`, readFieldPolicy(info.schema, fields[f])!);
        if (d.allowed) readable.set(f, d);
      }
      if (readable.size) decisions.set(t.code, readable);
    }
    if (!decisions.size) return noChanges<Listed>();
    const q = emSql(ctx.em);
    return walkChanges<HistoryRow, Listed>(
      { after, first: size },
      (cursor, limit) =>
        q<HistoryRow>(
          `SELECT c.id::text AS seq, c.record_id, c.changed_at, c.agency, c.operator, c.kind, c.fields, c.old_values, c.new_values,
                  coalesce(l.type_code, c.old_values->>'type_code', c.new_values->>'type_code') AS type_code
             FROM record_change c LEFT JOIN license l ON l.id = c.record_id
            WHERE c.table_name = 'license' AND c.changed_at >= ? AND c.id > ?::bigint
              AND coalesce(l.type_code, c.old_values->>'type_code', c.new_values->>'type_code') = ANY(?::text[])
            ORDER BY c.id LIMIT ?`,
          [at, cursor, pgArray([...decisions.keys()]), limit],
        ),
      async (rows) => {
        const ids = [...new Set(rows.map((r) => r.record_id))];
        const found = await ctx.loaders.licenseById.loadMany(ids);
        const current = new Map(ids.map((id, i) => [id, found[i] instanceof Error ? undefined : (found[i] as LicenseEntity | undefined)]));
        return (r): Listed | undefined => {
          const t = licenseType(r.type_code);
          const readable = decisions.get(t.code)!;
          const row = current.get(r.record_id);
          // A row-scoped grant reaches licences inside its scope, as a read of the licence does (a removed licence is outside).
          const view = row ? licenseView(row, ctx.policy) : undefined;
          const newValues = new Map<string, unknown>();
          const oldValues = new Map<string, unknown>();
          for (const [field, v] of changedFields(t, r.fields, r.old_values, r.new_values)) {
            const d = readable.get(field);
            if (!d || (d.scopes && !(view && inScope(view, d.scopes)))) continue;
            newValues.set(field, v.new);
            oldValues.set(field, v.old);
          }
          if (!newValues.size) return undefined;
          return {
            seq: r.seq,
            __typename: `${t.graphqlName}Change`,
            licenseId: r.record_id,
            type: t,
            changedAt: new Date(r.changed_at).toISOString(),
            kind: r.kind,
            values: r.kind === 'DELETE' ? null : carriedValues(ctx, t, newValues, row),
            oldValues: r.kind === 'INSERT' ? null : carriedValues(ctx, t, oldValues, row),
            agency: r.agency,
            operator: r.operator,
            // The licence as it is now, read only when selected (a function: GraphQL's default resolver calls it).
            license: async () => {
              const now = await ctx.loaders.licenseById.load(r.record_id);
              return now ? licenseView(now, ctx.policy) : null;
            },
            holderId: (row?.holderId ?? r.old_values?.holder_id ?? r.new_values?.holder_id) as string,
          };
        };
      },
    );
  }
}
