/**
 * Policy as metadata (DESIGN.md): every exposed field declares its catalogue attributes once,
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
}

export function validatePolicy(policy: FieldPolicy, where = 'field'): string[] {
  const problems: string[] = [];
  if (!SHARING_TYPES.includes(policy.type)) problems.push(`${where}: sharing type "${policy.type}" is not one of ${SHARING_TYPES.join(', ')}`);
  if (!OPEN_TYPES.includes(policy.open)) problems.push(`${where}: open type "${policy.open}" is not one of ${OPEN_TYPES.join(', ')}`);
  if (!SENSITIVITY_LEVELS.includes(policy.level)) problems.push(`${where}: level "${policy.level}" is not one of ${SENSITIVITY_LEVELS.join(', ')}`);
  if (!policy.provider) problems.push(`${where}: provider is missing`);
  if (policy.type === 'NONE' && !policy.basis) problems.push(`${where}: a NONE item must cite its legal basis`);
  if (policy.type === 'NONE' && policy.open !== 'CLOSED') problems.push(`${where}: a NONE item cannot be open data`);
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
  return `@sharing(${args.join(', ')})`;
}

/** Declares a field's sharing policy. Place beside @Field or @FieldResolver. */
export function Sharing(policy: FieldPolicy): MethodDecorator & PropertyDecorator {
  const problems = validatePolicy(policy);
  if (problems.length) throw new Error(`invalid @Sharing: ${problems.join('; ')}`);
  return Directive(sharingDirective(policy)) as MethodDecorator & PropertyDecorator;
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
}

export function resourceDirective(r: ResourceMetadata): string {
  const q = (s: string) => JSON.stringify(s);
  return `@resource(code: ${q(r.code)}, name: ${q(r.name)}, summary: ${q(r.summary)}, updateCycle: ${q(r.updateCycle)}, provider: ${q(r.provider)})`;
}

/** Declares an entity type's catalogue resource. Place on the @ObjectType class that owns it. */
export function Resource(r: ResourceMetadata): ClassDecorator {
  if (!UPDATE_CYCLES.includes(r.updateCycle)) throw new Error(`invalid @Resource ${r.code}: update cycle ${r.updateCycle}`);
  if (!r.code || !r.name || !r.provider) throw new Error(`invalid @Resource: code, name and provider are required`);
  return Directive(resourceDirective(r)) as ClassDecorator;
}
