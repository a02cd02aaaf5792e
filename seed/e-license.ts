/** Demo data of 电子证照库: the licences of every person and legal person of the synthetic city
 *  (seed/synthetic/e-license.ts), each given a fresh secret salt and signed now by its issuer's key
 *  over the salted commitment, loaded with COPY. A licence whose content holds a key that no item
 *  declares (items.ts) is refused: a composite value never carries an undeclared item. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Seeder, SeedOptions } from '../platform/subgraph/definition';
import { copyRowsFromWorkers, type Tally } from './load/worker-rows';
import { legalPersonCount } from './synthetic/city';
import { legalPersonKey, personKey, pseudonymousKey } from '../platform/keys';
import { legalPersonLicenses, personLicenses, SyntheticLicense } from './synthetic/e-license';
import { LicenseEntity } from '../subgraphs/e-license/entities';
import type { KeyObject } from 'node:crypto';
import { issuerPrivateKey, newSalt, signLicense } from '../subgraphs/e-license/signing';
import { contentProblems } from '../subgraphs/e-license/items';
import { withPlants } from './quality/plants';

/** Key of a licence: (type, number, holder) identifies it, since numbers can repeat across types and spouses. */
export const licenseKey = (type: string, number: string, holderKey: string) => pseudonymousKey('license', `${type}|${number}|${holderKey}`);

export const holderKeyOf = (l: Pick<SyntheticLicense, 'holderKind' | 'holderNaturalId'>) =>
  l.holderKind === 'PERSON' ? personKey(l.holderNaturalId) : legalPersonKey(l.holderNaturalId);

const COLUMNS = [
  'id',
  'number',
  'type_code',
  'holder_kind',
  'holder_id',
  'holder_name',
  'issuer_code',
  'issuer_name',
  'issue_date',
  'valid_from',
  'valid_to',
  'status',
  'status_reason',
  'content',
  'photo_digest',
  'fingerprint_enrolled',
  'signature',
  'salt',
  'carried_name',
  'carried_address',
  'carried_subject',
];

/** Throws when a licence's content holds keys that no catalogue item declares. */
export function assertDeclaredContent(l: Pick<SyntheticLicense, 'type' | 'number' | 'content'>): void {
  const undeclared = contentProblems(l.type, l.content);
  if (undeclared.length) {
    throw new Error(`licence ${l.type} ${l.number}: content keys without a declared item (subgraphs/e-license/items.ts): ${undeclared.join(', ')}`);
  }
}

/** Issuers' keys, looked up once per worker: looking the key configuration up again for every
 *  signature was 4 % of a licence's cost (docs/PERFORMANCE.md, seed profile). */
const issuerKeys = new Map<string, KeyObject | undefined>();
const keyOf = (issuer: string) => {
  if (!issuerKeys.has(issuer)) issuerKeys.set(issuer, issuerPrivateKey(issuer));
  return issuerKeys.get(issuer);
};

/** The row of one licence: planted values applied, content checked, salted and signed now. */
function licenceRow(synthetic: SyntheticLicense, scale: number): unknown[] {
  // A few values differ from the population register on purpose (seed/quality/plants.ts).
  const l = withPlants(synthetic, scale);
  assertDeclaredContent(l);
  const holderKey = holderKeyOf(l);
  const salt = newSalt();
  const signature = signLicense(
    {
      number: l.number,
      type: l.type,
      holderKey,
      issuer: l.issuer.code,
      issueDate: l.issueDate,
      validFrom: l.validFrom,
      validTo: l.validTo,
      content: l.content,
      salt,
    },
    keyOf(l.issuer.code),
  );
  return [
    licenseKey(l.type, l.number, holderKey),
    l.number,
    l.type,
    l.holderKind,
    holderKey,
    l.holderName,
    l.issuer.code,
    l.issuer.name,
    l.issueDate,
    l.validFrom,
    l.validTo,
    l.status,
    l.statusReason,
    l.content,
    l.photoDigest,
    l.fingerprintEnrolled,
    signature,
    salt,
    l.carried?.name ?? null,
    l.carried?.address ?? null,
    l.carried ? personKey(l.carried.personIdNumber) : null,
  ];
}

/**
 * The licences of city indices [from, to): index i < scale is person #i, the rest legal person
 * #(i - scale), in cityLicenses order. Run by the seed's worker threads (seed/load/worker-rows.ts).
 */
export function* rowsOf(from: number, to: number, scale: number, tally: Tally): Generator<unknown[]> {
  for (let i = from; i < to; i++) {
    for (const l of i < scale ? personLicenses(i) : legalPersonLicenses(i - scale, scale)) {
      tally(l.type);
      yield licenceRow(l, scale);
    }
  }
}

export async function seedELicense(em: EntityManager, { scale, log }: SeedOptions): Promise<void> {
  const source = { module: __filename, args: scale, count: scale + legalPersonCount(scale) };
  const { rows, tally } = await copyRowsFromWorkers(em, 'license', COLUMNS, source, rowsOf);
  log(
    `${rows} signed licences (${Object.entries(tally)
      .map(([t, c]) => `${t} ${c}`)
      .join(', ')})`,
  );
}

export async function isELicenseEmpty(em: EntityManager): Promise<boolean> {
  return (await em.count(LicenseEntity, {})) === 0;
}

/** Named by this subgraph's `seed` entry in schema/subgraphs.json. */
export const seeder: Seeder = { seed: seedELicense, isEmpty: isELicenseEmpty };
