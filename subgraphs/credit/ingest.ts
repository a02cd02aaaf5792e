/**
 * What a file or an update of 社会信用库 holds (issue 11): one row per credit record, named by its
 * document number (文书号), held to the API's rules. The subject is given by its natural key — a
 * citizen ID number for a PERSON, a USCC for a LEGAL_PERSON — and stored as its pseudonymous key;
 * it is not checked against the other departments' databases (the consistency job compares them).
 * An operator's name inside a legal person's content (个体工商户（王敏淑）) is stored apart, as the
 * seed does (platform/policy/carried.ts).
 */
import { pseudonymousKey, legalPersonKey, personKey } from '../../platform/keys';
import { parseIdNumber } from '../../platform/ids/id-number';
import { parseUscc } from '../../platform/ids/uscc';
import type { IngestSpec } from '../../platform/ingest/spec';
import { day, notBefore, oneOf, optional, pastDay, required, text, uscc, type FieldProblem } from '../../platform/ingest/rules';
import { OPERATOR_PLACEHOLDER } from '../../platform/policy/carried';
import { CreditCategory, CreditPenaltySeverity, CreditSubjectKind } from './types';

/** Key of a credit record: from its document number, which is unique (as seed/credit.ts). */
export const creditRecordKey = (decisionNumber: string) => pseudonymousKey('credit-record', decisionNumber);

export const CREDIT_RECORD_COLUMNS: Record<string, string> = {
  decisionNumber: 'decision_number',
  subjectKind: 'subject_kind',
  subject: 'subject_id',
  category: 'category',
  listName: 'list_name',
  severity: 'severity',
  agencyName: 'agency_name',
  agencyCode: 'agency_code',
  decisionDate: 'decision_date',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  publicityStart: 'publicity_start',
  publicityEnd: 'publicity_end',
  repairedDate: 'repaired_date',
  content: 'content',
  caseFile: 'case_file',
};

const OPERATOR_IN_CONTENT = /个体工商户（([^）{}]+)）/;

function checkCreditRecord(values: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (values.subject != null) {
    const natural = String(values.subject).toUpperCase();
    if (values.subjectKind === 'PERSON') {
      const p = parseIdNumber(natural);
      if (p.ok) values.subject = personKey(p.idNumber);
      else problems.push({ field: 'subject', reason: `a PERSON's subject is a citizen ID number: ${p.reason}` });
    } else if (values.subjectKind === 'LEGAL_PERSON') {
      const p = parseUscc(natural);
      if (p.ok) values.subject = legalPersonKey(p.uscc);
      else problems.push({ field: 'subject', reason: `a LEGAL_PERSON's subject is a USCC: ${p.reason}` });
    } else problems.push({ field: 'subject', reason: 'is given with subjectKind (PERSON or LEGAL_PERSON)' });
  }
  if ('category' in values || 'severity' in values) {
    if ((values.category === 'ADMINISTRATIVE_PENALTY') !== (values.severity != null)) {
      problems.push({ field: 'severity', reason: 'is required for an ADMINISTRATIVE_PENALTY and only for one (give category and severity together)' });
    }
  }
  problems.push(...notBefore(values, 'validTo', 'validFrom'), ...notBefore(values, 'publicityEnd', 'publicityStart'));
  if (values.publicityEnd != null && 'publicityStart' in values && values.publicityStart == null) {
    problems.push({ field: 'publicityStart', reason: 'is required when publicityEnd is given' });
  }
  if (typeof values.content === 'string') {
    if (values.content.includes(OPERATOR_PLACEHOLDER)) problems.push({ field: 'content', reason: `must not contain ${OPERATOR_PLACEHOLDER}` });
    const m = values.subjectKind === 'LEGAL_PERSON' ? OPERATOR_IN_CONTENT.exec(values.content) : null;
    values.operatorName = m ? m[1] : null;
    if (m) values.content = values.content.replace(m[0], `个体工商户（${OPERATOR_PLACEHOLDER}）`);
  }
  return problems;
}

export const CREDIT_RECORD_INGEST: IngestSpec = {
  typeName: 'CreditRecord',
  table: 'credit_record',
  keyField: 'decisionNumber',
  columns: CREDIT_RECORD_COLUMNS,
  derivedColumns: { operatorName: 'operator_name' },
  rules: {
    decisionNumber: required(text(100)),
    subjectKind: required(oneOf(Object.values(CreditSubjectKind))),
    subject: required(text(18)),
    category: required(oneOf(Object.values(CreditCategory))),
    listName: required(text(100)),
    severity: optional(oneOf(Object.values(CreditPenaltySeverity))),
    agencyName: required(text(100)),
    agencyCode: required(uscc),
    decisionDate: required(pastDay),
    validFrom: optional(day),
    validTo: optional(day),
    publicityStart: optional(day),
    publicityEnd: optional(day),
    repairedDate: optional(pastDay),
    content: required(text(2000)),
    caseFile: optional(text(2000)),
  },
  check: checkCreditRecord,
  keyOf: creditRecordKey,
  optionalFields: ['severity', 'validFrom', 'validTo', 'publicityStart', 'publicityEnd', 'repairedDate', 'caseFile'],
  // The subject's key is reached through `person` / `legalPerson`, each under its own policy.
  internalFields: ['subject'],
};
