/**
 * What a 人口基础库 file or update may carry (issue 11): Person records, columns named after the
 * GraphQL fields, held to the rules of platform/ingest/rules.ts plus the ID number's own facts
 * (its birth date and its sex digit must agree with birthDate and gender).
 */
import { parseIdNumber } from '../../platform/ids/id-number';
import { personKey, pseudonymousKey } from '../../platform/keys';
import type { IngestSpec } from '../../platform/ingest/spec';
import { countyDivision, householdNumber, idNumber, oneOf, optional, pastDay, phone, required, text, type FieldProblem } from '../../platform/ingest/rules';
import { Gender, PersonStatus } from './types';

export const PERSON_COLUMNS: Record<string, string> = {
  idNumber: 'id_number',
  name: 'name',
  gender: 'gender',
  birthDate: 'birth_date',
  ethnicity: 'ethnicity',
  phone: 'phone',
  householdDivisionCode: 'household_division_code',
  householdAddress: 'household_address',
  status: 'status',
};

export function checkPersonAgainstIdNumber(values: Record<string, unknown>): FieldProblem[] {
  const id = parseIdNumber(String(values.idNumber ?? ''));
  if (!id.ok) return [];
  const problems: FieldProblem[] = [];
  if (values.birthDate != null && values.birthDate !== id.birthDate)
    problems.push({ field: 'birthDate', reason: `${String(values.birthDate)} is not the birth date in the ID number (${id.birthDate})` });
  if (values.gender != null && values.gender !== id.gender)
    problems.push({ field: 'gender', reason: `${String(values.gender)} disagrees with the ID number's sex digit (${id.gender})` });
  return problems;
}

export const PERSON_INGEST: IngestSpec = {
  typeName: 'Person',
  table: 'person',
  keyField: 'idNumber',
  columns: PERSON_COLUMNS,
  rules: {
    idNumber: required(idNumber),
    name: required(text(50)),
    gender: required(oneOf(Object.values(Gender))),
    birthDate: required(pastDay),
    ethnicity: required(text(20)),
    phone: optional(phone),
    householdDivisionCode: required(countyDivision),
    householdAddress: required(text(200)),
    status: required(oneOf(Object.values(PersonStatus))),
  },
  check: checkPersonAgainstIdNumber,
  keyOf: personKey,
  optionalFields: ['phone'],
};

export const HOUSEHOLD_COLUMNS: Record<string, string> = {
  householdNumber: 'household_number',
  head: 'head_id',
  divisionCode: 'division_code',
  address: 'address',
};

/** A household register: the head is given by ID number and stored as the person's key; it must be
 *  a registered person of this database. Members are linked from their person records. */
export const HOUSEHOLD_INGEST: IngestSpec = {
  typeName: 'Household',
  table: 'household',
  keyField: 'householdNumber',
  columns: HOUSEHOLD_COLUMNS,
  rules: {
    householdNumber: required(householdNumber),
    head: required((raw) => personKey(idNumber(raw))),
    divisionCode: required(countyDivision),
    address: required(text(200)),
  },
  keyOf: (number) => pseudonymousKey('household', number),
  references: [{ field: 'head', table: 'person', reason: 'is no registered person (load the person first)' }],
};
