/**
 * What a file or an update of 法人基础库 holds (issue 11): one row per legal person, named by its
 * USCC, held to the API's rules (platform/ingest/rules.ts). The legal representative is given by
 * citizen ID number and stored as the person's key; it is not checked against 人口基础库 (another
 * department's database: the consistency job compares them, docs/quality.md).
 *
 * Two values may carry a person's data (platform/policy/carried.ts, docs/DECISIONS.md issue 11):
 * - an individual business named after its operator (个体工商户（王敏淑）): the name is stored as
 *   个体工商户（{经营者}） and the operator's name apart (derived here, never a file column);
 * - a registered address that is a home: the provider declares it in `registeredAtHome`; a new
 *   record without the declaration is taken as at home (served as Person.householdAddress), so
 *   that a silent file never publishes a home address as open data.
 */
import { legalPersonKey, personKey } from '../../platform/keys';
import type { IngestSpec } from '../../platform/ingest/spec';
import {
  bool,
  decimal,
  hengyangDivision,
  idNumber,
  integer,
  oneOf,
  optional,
  pastDay,
  phone,
  required,
  text,
  uscc,
  type FieldProblem,
} from '../../platform/ingest/rules';
import { OPERATOR_PLACEHOLDER } from '../../platform/policy/carried';
import { LegalPersonKind, LegalPersonStatus } from './types';

export const LEGAL_PERSON_COLUMNS: Record<string, string> = {
  uscc: 'uscc',
  name: 'name',
  kind: 'kind',
  legalRepresentative: 'legal_representative_id',
  registeredCapital: 'registered_capital',
  establishedDate: 'established_date',
  businessScope: 'business_scope',
  status: 'status',
  registrationAuthority: 'registration_authority',
  registeredDivisionCode: 'registered_division_code',
  registeredAddress: 'registered_address',
  registeredAtHome: 'registered_at_home',
  contactPhone: 'contact_phone',
  employeeCount: 'employee_count',
  totalAssets: 'total_assets',
};

const INDIVIDUAL_BUSINESS_NAME = /^个体工商户（(.+)）$/;

/** Splits an operator's name out of an individual business's name (the stored name keeps a placeholder). */
function splitOperatorName(values: Record<string, unknown>): FieldProblem[] {
  // An empty declaration is no declaration: at home (the strict reading).
  if ('registeredAtHome' in values && values.registeredAtHome == null) values.registeredAtHome = true;
  if (typeof values.name !== 'string') return [];
  if (values.name.includes(OPERATOR_PLACEHOLDER)) return [{ field: 'name', reason: `must not contain ${OPERATOR_PLACEHOLDER}` }];
  const m = INDIVIDUAL_BUSINESS_NAME.exec(values.name);
  values.operatorName = m ? m[1] : null;
  if (m) values.name = `个体工商户（${OPERATOR_PLACEHOLDER}）`;
  return [];
}

export const LEGAL_PERSON_INGEST: IngestSpec = {
  typeName: 'LegalPerson',
  table: 'legal_person',
  keyField: 'uscc',
  columns: LEGAL_PERSON_COLUMNS,
  derivedColumns: { operatorName: 'operator_name' },
  rules: {
    uscc: required(uscc),
    name: required(text(100)),
    kind: required(oneOf(Object.values(LegalPersonKind))),
    legalRepresentative: required((raw) => personKey(idNumber(raw))),
    registeredCapital: optional(decimal(0)),
    establishedDate: required(pastDay),
    businessScope: required(text(2000)),
    status: required(oneOf(Object.values(LegalPersonStatus))),
    registrationAuthority: required(text(100)),
    registeredDivisionCode: required(hengyangDivision),
    registeredAddress: required(text(200)),
    registeredAtHome: optional(bool),
    contactPhone: optional(phone),
    employeeCount: optional(integer(0)),
    totalAssets: optional(decimal(0)),
  },
  check: splitOperatorName,
  keyOf: legalPersonKey,
  optionalFields: ['registeredCapital', 'registeredAtHome', 'contactPhone', 'employeeCount', 'totalAssets'],
  internalFields: ['registeredAtHome'],
  insertDefaults: { registeredAtHome: true },
};
