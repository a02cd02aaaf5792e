/**
 * A value has the strictest class of everything it carries (issue 8, class 13). Some open or
 * unconditional values carry another, stricter item inside them: an individual business named
 * after its operator (个体工商户（王敏淑）) carries `Person.name`; a registered address or a standard
 * address that is someone's household address carries `Person.householdAddress`; a credit-record
 * text naming the business carries the operator's name too.
 *
 * Such values are stored *separated*: the carrying text holds a placeholder where the carried
 * value stood (so that a search over the text cannot match it), and the carried value is kept in
 * its own column. At read time `carriedView` puts back what this reader may see of the carried
 * value under the *carried* item's policy: in full, under the reader's mask for that item, or a
 * generalised stand-in when the reader may not read it at all.
 *
 * The provider of the carrying item reads the carried value in full: it registered it (market
 * regulation registered the operator's name with the business; natural resources assigned the door
 * plate). Everyone else is decided on the carried item, exactly as if they had asked for it.
 */
import { applyMask } from '../masking';
import { maskAddressToDistrict } from '../masking/address';
import { hmacKey } from '../config';
import type { Outcome } from '../audit/collector';
import type { FieldPolicy } from './metadata';
import type { RequestPolicy } from './request';

/** Person.name (人口基础库): the policy population declares, shared so that carriers decide alike. */
export const PERSON_NAME_POLICY: FieldPolicy = { type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', mask: 'SURNAME', provider: 'public-security' };
/** Person.householdAddress (人口基础库). */
export const HOUSEHOLD_ADDRESS_POLICY: FieldPolicy = {
  type: 'CONDITIONAL',
  open: 'CLOSED',
  level: 'L3',
  mask: 'ADDRESS_DISTRICT',
  provider: 'public-security',
};

export interface CarriedItem {
  /** `Type.field` of the carried item, as grants name it. */
  item: string;
  /** Resource (type) the audit trail files the carried item under. */
  resource: string;
  policy: FieldPolicy;
  /** What stands for the value for a reader who may not read the item; it tells no more than open data. */
  hidden: (value: string) => string;
}

/** Stand-in for a name the reader may not read: a fixed run, so not even its length is told. */
export const HIDDEN_NAME = '***';

export const PERSON_NAME: CarriedItem = { item: 'Person.name', resource: 'Person', policy: PERSON_NAME_POLICY, hidden: () => HIDDEN_NAME };
/** A household address generalised to its county-level unit, which the open division code already says. */
export const HOUSEHOLD_ADDRESS: CarriedItem = {
  item: 'Person.householdAddress',
  resource: 'Person',
  policy: HOUSEHOLD_ADDRESS_POLICY,
  hidden: maskAddressToDistrict,
};

/** Placeholder for the operator's name inside a stored text (LegalPerson.name, CreditRecord.content). */
export const OPERATOR_PLACEHOLDER = '{经营者}';

export interface CarriedView {
  text: string;
  outcome: Outcome;
  /** The mask that was applied ('FULL' when served in full, null when hidden). */
  mask: string | null;
}

/**
 * What this reader may see of `value`, an instance of `carried` inside an item of `carrierProvider`.
 * A grant restricted to a row scope is not applied (the carrying row has no field to check it
 * against): the value is hidden, which fails closed.
 */
export function carriedView(policy: RequestPolicy, carrierProvider: string, carried: CarriedItem, value: string): CarriedView {
  const who = policy.identity;
  if (who.kind === 'agency' && who.agency === carrierProvider) return { text: value, outcome: 'served', mask: 'FULL' };
  const d = policy.decision(carried.item, carried.policy);
  if (!d.allowed || d.scopes) return { text: carried.hidden(value), outcome: 'refused', mask: null };
  if (d.mask === 'FULL') return { text: value, outcome: 'served', mask: 'FULL' };
  return { text: applyMask(value, d.mask, { hashKey: hmacKey() }) ?? '', outcome: 'masked', mask: d.mask };
}

/**
 * Puts the reader's view of a carried person name back into a text stored with OPERATOR_PLACEHOLDER,
 * and records in the audit trail what was done with the carried item for its subject.
 */
export function renderCarriedName(
  policy: RequestPolicy,
  carrierProvider: string,
  template: string,
  operatorName: string | null | undefined,
  subjectKey: string | null | undefined,
): string {
  if (!operatorName || !template.includes(OPERATOR_PLACEHOLDER)) return template;
  const view = carriedView(policy, carrierProvider, PERSON_NAME, operatorName);
  policy.audit.record(PERSON_NAME.resource, PERSON_NAME.item, view.outcome, subjectKey);
  return template.split(OPERATOR_PLACEHOLDER).join(view.text);
}

/**
 * Whether this reader reads the carried item in full. Only such a reader may search inside the
 * carried value (matching a full name against a masked one would confirm guesses: an oracle), or
 * get it at a finer resolution than its mask (a home's door-plate point, distances to it).
 */
export function readsCarriedInFull(policy: RequestPolicy, carrierProvider: string, carried: CarriedItem): boolean {
  const who = policy.identity;
  if (who.kind === 'agency' && who.agency === carrierProvider) return true;
  const d = policy.decision(carried.item, carried.policy);
  return d.allowed && !d.scopes && d.mask === 'FULL';
}
