/** Demo data of 社会信用库: the records seed/synthetic/credit.ts gives the city's legal persons and
 *  persons (same index → same subject as in the population and legal-person seeds), loaded with COPY. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Seeder, SeedOptions } from '../platform/subgraph/definition';
import { copyRows } from '../platform/db/copy';
import { legalPersonKey, personKey, pseudonymousKey } from '../platform/keys';
import { legalPersonCount } from './synthetic/city';
import { syntheticLegalPerson } from './synthetic/enterprises';
import { syntheticIdNumber } from './synthetic/people';
import { SyntheticCreditRecord, syntheticLegalPersonCreditRecords, syntheticPersonCreditRecords } from './synthetic/credit';
import { OPERATOR_PLACEHOLDER } from '../platform/policy/carried';
import { CreditRecordEntity } from '../subgraphs/credit/entities';

/** Key of a credit record: from its document number, which is unique. */
export const creditRecordKey = (decisionNumber: string) => pseudonymousKey('credit-record', decisionNumber);

const COLUMNS = [
  'id',
  'subject_kind',
  'subject_id',
  'category',
  'list_name',
  'severity',
  'agency_name',
  'agency_code',
  'decision_number',
  'decision_date',
  'valid_from',
  'valid_to',
  'publicity_start',
  'publicity_end',
  'repaired_date',
  'content',
  'case_file',
  'operator_name',
];

/** `operatorName`: the name the content's {经营者} stands for (platform/policy/carried.ts), if any. */
const row = (r: SyntheticCreditRecord, subjectId: string, operatorName: string | null = null) => [
  creditRecordKey(r.decisionNumber),
  r.subjectKind,
  subjectId,
  r.category,
  r.listName,
  r.severity,
  r.agencyName,
  r.agencyCode,
  r.decisionNumber,
  r.decisionDate,
  r.validFrom,
  r.validTo,
  r.publicityStart,
  r.publicityEnd,
  r.repairedDate,
  r.content,
  r.caseFile,
  operatorName && r.content.includes(OPERATOR_PLACEHOLDER) ? operatorName : null,
];

function* rows(scale: number, counts: { legalPersons: number; persons: number }) {
  for (let k = 0; k < legalPersonCount(scale); k++) {
    const lp = syntheticLegalPerson(k, scale);
    const records = syntheticLegalPersonCreditRecords(k, scale, lp);
    counts.legalPersons += records.length;
    for (const r of records) yield row(r, legalPersonKey(lp.uscc), lp.operatorName);
  }
  for (let i = 0; i < scale; i++) {
    const records = syntheticPersonCreditRecords(i);
    if (!records.length) continue;
    counts.persons += records.length;
    const key = personKey(syntheticIdNumber(i));
    for (const r of records) yield row(r, key);
  }
}

export async function seedCredit(em: EntityManager, { scale, log }: SeedOptions): Promise<void> {
  const counts = { legalPersons: 0, persons: 0 };
  const n = await copyRows(em, 'credit_record', COLUMNS, rows(scale, counts));
  log(`${n} credit records (${counts.legalPersons} of legal persons, ${counts.persons} of persons)`);
}

export async function isCreditEmpty(em: EntityManager): Promise<boolean> {
  return (await em.count(CreditRecordEntity, {})) === 0;
}

/** Named by this subgraph's `seed` entry in schema/subgraphs.json. */
export const seeder: Seeder = { seed: seedCredit, isEmpty: isCreditEmpty };
