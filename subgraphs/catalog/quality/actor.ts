/**
 * The consistency job's own platform actor (一数一源, Art. 9): `quality-check`, registered in the
 * agency register like any other caller, holding one standing grant for exactly the items its
 * rules compare, for one purpose, "一数一源核验". Its reads go through the router and the base
 * subgraphs' policy path with its own token, so they are decided, masked and audited under its
 * own name (never a side door into another department's database).
 *
 * The migration (migrations/catalog/Migration20261202080000_consistency_findings) registers it on
 * every database; the demo seed, which truncates the register, registers it again.
 */
import type { Sql } from '../../../platform/db/sql';
import { issueGrant, loadLiveGrants, platformNow, registerAgencies } from '../../../platform/governance';

export const QUALITY_ACTOR = 'quality-check';
export const QUALITY_OPERATOR = 'quality-check-job';
export const QUALITY_PURPOSE = '一数一源核验';

/** Licence kinds a person holds: the name printed on them is compared with the population register. */
const PERSON_LICENCE_KINDS = ['IdCard', 'DrivingLicense', 'MarriageCertificate', 'RealEstateCertificate'];

/** What the rules read that is not UNCONDITIONAL: names and ID numbers, in full (they are compared). */
export const QUALITY_ITEMS = [
  'Person.name',
  'Person.idNumber',
  'Person.licenses',
  ...PERSON_LICENCE_KINDS.map((k) => `${k}.holderName`),
  'IdCard.number',
  'DrivingLicense.number',
  // The standard address register's text, and a home business's registered address (it carries
  // Person.householdAddress): compared with the legal-person register's registered address.
  'Address.text',
  'Person.householdAddress',
];
export const QUALITY_MASKS: Record<string, string> = Object.fromEntries(QUALITY_ITEMS.filter((i) => !i.endsWith('.licenses')).map((i) => [i, 'FULL']));

export const QUALITY_AGENCY = {
  code: QUALITY_ACTOR,
  name: '一数一源核验（平台）',
  kind: 'CONSUMER',
  provides: null,
  description: 'The platform’s consistency job (Art. 9): compares what several base databases say about the same subject',
} as const;

/** Registers the actor and its standing grant when missing (idempotent). */
export async function ensureQualityActor(sql: Sql): Promise<void> {
  await registerAgencies(sql, [QUALITY_AGENCY]);
  const live = (await loadLiveGrants(sql, await platformNow(sql))).some((g) => g.agency === QUALITY_ACTOR && g.purposes.has(QUALITY_PURPOSE));
  if (!live) await issueGrant(sql, { agency: QUALITY_ACTOR, items: QUALITY_ITEMS, purposes: [QUALITY_PURPOSE], masks: QUALITY_MASKS, validTo: null });
}
