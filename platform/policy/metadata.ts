/**
 * Policy as metadata (docs/DECISIONS.md "Policy"): every exposed field declares its catalogue attributes once,
 * beside its @Field, with @Sharing. The declaration becomes a `@sharing` directive in the SDL;
 * the shield rules, the masking step, the catalogue and Sandbox all read it from there, so there
 * is no second list to keep in step.
 */
import { Directive } from 'type-graphql';

/** 共享类型 (Art. 15). */
export const SHARING_TYPES = ['UNCONDITIONAL', 'CONDITIONAL', 'NONE'] as const;
export type SharingType = (typeof SHARING_TYPES)[number];
/** 开放类型 (Art. 22). */
export const OPEN_TYPES = ['OPEN', 'CONDITIONAL', 'CLOSED'] as const;
export type OpenType = (typeof OPEN_TYPES)[number];
/** 安全等级 (Art. 24 (7)): L1 public ... L4 most sensitive. */
export const SENSITIVITY_LEVELS = ['L1', 'L2', 'L3', 'L4'] as const;
export type SensitivityLevel = (typeof SENSITIVITY_LEVELS)[number];

export interface FieldPolicy {
  type: SharingType;
  open: OpenType;
  level: SensitivityLevel;
  /** Default masking spec (platform/masking), `FULL` for none. */
  mask?: string;
  /** Agency code of the providing department. */
  provider: string;
  /** Legal basis; required when `type` is NONE (Art. 15: 不予共享 must cite law). */
  basis?: string;
  /** A data subject (a citizen or an enterprise with a subject token) may read this item about
   *  themselves; the resolver restricts it to their own records (e.g. their access history). */
  subject?: boolean;
  /** A composite field (a JSON value holding several values, e.g. a certificate's 证面内容): the item
   *  each inner key is served as (`姓名` → `IdCard.name`), items of the same subgraph. Required on
   *  JSON-scalar fields (the build fails without it); each inner value is then served under its
   *  item's decision and mask, and a key without a declared item is never served. */
  composite?: Record<string, string>;
  /** What each argument of the field carries (issue 8, "arguments are items"): argument name →
   *  `filterBy('Type.field')` (filtering/sorting by that item's value needs the right to read it,
   *  unmasked, for the purpose), `lookupBy('Type.field')` (an exact natural-key lookup by a value
   *  the caller already holds: counts against the agency's daily lookup budget), or `PARAMETER`
   *  (a parameter of the computation, no item's value, e.g. `asOf`). Paging arguments (`first`,
   *  `after`) are plumbing and need no entry. An undeclared argument fails the build. */
  args?: Record<string, string>;
  /** For a relation field (its type is an entity): the field that walks it back
   *  (`Household.members` for `Person.household`; for a union, one per member, comma-separated),
   *  or `none: <reason>`. Composition fails when a
   *  relation is served more openly than its inverse (scripts/check-inverses.ts). */
  inverse?: string;
}

/** Arguments that only page through a result: bound into the authenticated cursor, no item. */
export const PLUMBING_ARGUMENTS = new Set(['first', 'after']);
/** An argument that is no item's value (e.g. the date a profile is computed for). */
export const PARAMETER = 'parameter';
/** Filtering or sorting by an item's value: needs the right to read it, unmasked. */
export const filterBy = (item: string) => `filter:${item}`;
/** An exact lookup by an item's (natural-key) value: counts against the lookup budget. */
export const lookupBy = (item: string) => `lookup:${item}`;

export type ArgumentUse = { kind: 'filter' | 'lookup'; item: string } | { kind: 'parameter' };

/** Parses one `args` entry; undefined when it is not one of the three forms. */
export function parseArgumentUse(use: string): ArgumentUse | undefined {
  if (use === PARAMETER) return { kind: 'parameter' };
  const m = /^(filter|lookup):([A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*)$/.exec(use);
  return m ? { kind: m[1] as 'filter' | 'lookup', item: m[2] } : undefined;
}

/** `none: <reason>` declares a relation without inverse; otherwise the inverse item, or for a
 *  relation to a union (a licence's holder: Person or LegalPerson) one item per member, comma-separated. */
export function parseInverse(inverse: string): { none: true; reason: string } | { none: false; items: string[] } | undefined {
  const none = /^none:\s*(\S.*)$/.exec(inverse);
  if (none) return { none: true, reason: none[1] };
  const items = inverse.split(',').map((i) => i.trim());
  return items.every((i) => /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/.test(i)) ? { none: false, items } : undefined;
}

export function validatePolicy(policy: FieldPolicy, where = 'field'): string[] {
  const problems: string[] = [];
  if (!SHARING_TYPES.includes(policy.type)) problems.push(`${where}: sharing type "${policy.type}" is not one of ${SHARING_TYPES.join(', ')}`);
  if (!OPEN_TYPES.includes(policy.open)) problems.push(`${where}: open type "${policy.open}" is not one of ${OPEN_TYPES.join(', ')}`);
  if (!SENSITIVITY_LEVELS.includes(policy.level)) problems.push(`${where}: level "${policy.level}" is not one of ${SENSITIVITY_LEVELS.join(', ')}`);
  if (!policy.provider) problems.push(`${where}: provider is missing`);
  if (policy.type === 'NONE' && !policy.basis) problems.push(`${where}: a NONE item must cite its legal basis`);
  if (policy.type === 'NONE' && policy.open !== 'CLOSED') problems.push(`${where}: a NONE item cannot be open data`);
  for (const [arg, use] of Object.entries(policy.args ?? {})) {
    if (!parseArgumentUse(use)) problems.push(`${where}(${arg}): "${use}" is not filter:Type.field, lookup:Type.field or ${PARAMETER}`);
  }
  if (policy.inverse !== undefined && !parseInverse(policy.inverse))
    problems.push(`${where}: inverse "${policy.inverse}" is neither Type.field nor "none: <reason>"`);
  return problems;
}

const quote = (s: string) => JSON.stringify(s);

/** The directive text for a policy; arguments in a fixed order so composition sees equal text. */
export function sharingDirective(policy: FieldPolicy): string {
  const args = [
    `type: ${quote(policy.type)}`,
    `open: ${quote(policy.open)}`,
    `level: ${quote(policy.level)}`,
    `mask: ${quote(policy.mask ?? 'FULL')}`,
    `provider: ${quote(policy.provider)}`,
  ];
  if (policy.basis) args.push(`basis: ${quote(policy.basis)}`);
  if (policy.subject) args.push('subject: true');
  if (policy.composite) args.push(`composite: ${quote(JSON.stringify(policy.composite))}`);
  if (policy.args && Object.keys(policy.args).length) {
    args.push(
      `args: [${Object.entries(policy.args)
        .map(([a, use]) => quote(`${a}=${use}`))
        .join(', ')}]`,
    );
  }
  if (policy.inverse) args.push(`inverse: ${quote(policy.inverse)}`);
  return `@sharing(${args.join(', ')})`;
}

/** Declares a field's sharing policy. Place beside @Field or @FieldResolver. */
export function Sharing(policy: FieldPolicy): MethodDecorator & PropertyDecorator {
  const problems = validatePolicy(policy);
  if (problems.length) throw new Error(`invalid @Sharing: ${problems.join('; ')}`);
  return Directive(sharingDirective(policy));
}

/** Policy of a pseudonymous entity key: a keyed hash carries no personal data. */
export function keyPolicy(provider: string, open: OpenType = 'CLOSED'): FieldPolicy {
  return { type: 'UNCONDITIONAL', open, level: 'L1', mask: 'FULL', provider };
}

/** Classes whose fields are plumbing (connections, edges, page info, GeoJSON shapes): their data
 *  is guarded where it is declared, so they carry no @Sharing of their own. */
export const structuralClasses = new Set<Function>();
export function Structural(): ClassDecorator {
  return (target) => {
    structuralClasses.add(target);
  };
}

/** 更新周期 of a resource (Art. 14 更新时限), against which its freshness is evaluated (Art. 25). */
export const UPDATE_CYCLES = ['REAL_TIME', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];

/** Catalogue attributes of a resource (one entity type = one resource of the sharing catalogue,
 *  Art. 12, 14): declared once on the type, composed into the supergraph as `@resource`. */
export interface ResourceMetadata {
  /** Resource code in the catalogue, e.g. `HY-RK-001`. */
  code: string;
  /** Resource name, e.g. 人口基本信息. */
  name: string;
  summary: string;
  updateCycle: UpdateCycle;
  /** Providing agency code. */
  provider: string;
  /** For a resource the subgraph computes on request or reads from reference data instead of
   *  storing it (a credit profile, a search hit, a licence check, the licence-type catalogue): what
   *  it is computed from. It holds no records of its own, so it is never overdue (Art. 25). */
  computedFrom?: string;
}

export function resourceDirective(r: ResourceMetadata): string {
  const q = (s: string) => JSON.stringify(s);
  const computed = r.computedFrom ? `, computedFrom: ${q(r.computedFrom)}` : '';
  return `@resource(code: ${q(r.code)}, name: ${q(r.name)}, summary: ${q(r.summary)}, updateCycle: ${q(r.updateCycle)}, provider: ${q(r.provider)}${computed})`;
}

/** Declares an entity type's catalogue resource. Place on the @ObjectType class that owns it. */
export function Resource(r: ResourceMetadata): ClassDecorator {
  if (!UPDATE_CYCLES.includes(r.updateCycle)) throw new Error(`invalid @Resource ${r.code}: update cycle ${r.updateCycle}`);
  if (!r.code || !r.name || !r.provider) throw new Error(`invalid @Resource: code, name and provider are required`);
  return Directive(resourceDirective(r));
}
