/**
 * The consistency rules (一数一源, Art. 9): each compares what two base databases say about one
 * subject, from rows the job read through the router. Pure: rows in, findings out.
 *
 *   LICENCE_HOLDER_NAME      the name printed on a person's licence (电子证照库) ≠ the person's name
 *                            in the population register (人口基础库)
 *   LICENCE_HOLDER_ID        a licence numbered by the holder's ID number (居民身份证, 机动车驾驶证)
 *                            whose number ≠ the holder's ID number in the population register
 *   DECEASED_ACTIVE_LICENCE  a person the population register records as dead holds a 居民身份证
 *                            or 机动车驾驶证 that is still in force (VALID or SUSPENDED: neither
 *                            注销 nor expired) — both end with their holder
 *   REGISTERED_ADDRESS       a legal person's registered address (法人基础库) is not the text of its
 *                            registered location in the standard address register (自然资源和空间
 *                            地理基础库), or it has no location there
 *   REGISTERED_DIVISION      its registered division code is neither the division of that location
 *                            nor the division above it (a city-level body sits in a county)
 */
export const ConsistencyRule = {
  LICENCE_HOLDER_NAME: 'LICENCE_HOLDER_NAME',
  LICENCE_HOLDER_ID: 'LICENCE_HOLDER_ID',
  DECEASED_ACTIVE_LICENCE: 'DECEASED_ACTIVE_LICENCE',
  REGISTERED_ADDRESS: 'REGISTERED_ADDRESS',
  REGISTERED_DIVISION: 'REGISTERED_DIVISION',
} as const;
export type ConsistencyRule = (typeof ConsistencyRule)[keyof typeof ConsistencyRule];

/**
 * Rules whose new findings open a data objection by themselves (raised by quality-check against the
 * second source's item, subgraphs/catalog/objections-data/): a dead person's licence in force is
 * never right, so its provider must verify it; a differing name or number may be the register's
 * error as well as the licence's, and waits for a person to object.
 */
export const OPENS_OBJECTION: ReadonlySet<string> = new Set([ConsistencyRule.DECEASED_ACTIVE_LICENCE]);

/** Where a value comes from: the base database (subgraph) and the catalogue item. */
export interface Side {
  source: string;
  item: string;
  value: string | null;
}

export interface ObservedFinding {
  rule: ConsistencyRule;
  subjectKind: 'PERSON' | 'LEGAL_PERSON';
  subjectKey: string;
  /** The other record the finding is about (a licence's key), '' when it is the subject itself. */
  recordKey: string;
  a: Side;
  b: Side;
}

export interface PersonWithLicences {
  id: string;
  name: string | null;
  idNumber: string | null;
  status: string | null;
  licenses: { __typename: string; id: string; number?: string | null; holderName: string | null; status: string | null }[] | null;
}

/** Licences numbered by the holder's ID number, and ending with the holder's life. */
const ID_NUMBERED = new Set(['IdCard', 'DrivingLicense']);
const IN_FORCE = new Set(['VALID', 'SUSPENDED']);

export function personFindings(p: PersonWithLicences): ObservedFinding[] {
  const out: ObservedFinding[] = [];
  const person = (item: string, value: string | null): Side => ({ source: 'population', item, value });
  const licence = (item: string, value: string | null): Side => ({ source: 'e-license', item, value });
  for (const l of p.licenses ?? []) {
    const base = { subjectKind: 'PERSON' as const, subjectKey: p.id, recordKey: l.id };
    if (p.name != null && l.holderName != null && l.holderName !== p.name) {
      out.push({
        ...base,
        rule: ConsistencyRule.LICENCE_HOLDER_NAME,
        a: person('Person.name', p.name),
        b: licence(`${l.__typename}.holderName`, l.holderName),
      });
    }
    if (ID_NUMBERED.has(l.__typename) && p.idNumber != null && l.number != null && l.number !== p.idNumber) {
      out.push({ ...base, rule: ConsistencyRule.LICENCE_HOLDER_ID, a: person('Person.idNumber', p.idNumber), b: licence(`${l.__typename}.number`, l.number) });
    }
    if (ID_NUMBERED.has(l.__typename) && p.status === 'DECEASED' && l.status != null && IN_FORCE.has(l.status)) {
      out.push({
        ...base,
        rule: ConsistencyRule.DECEASED_ACTIVE_LICENCE,
        a: person('Person.status', p.status),
        b: licence(`${l.__typename}.status`, l.status),
      });
    }
  }
  return out;
}

export interface LegalPersonWithLocation {
  id: string;
  registeredAddress: string | null;
  registeredDivisionCode: string | null;
  registeredLocation: { id: string; text: string | null; division: { code: string; parentCode: string } | null } | null;
}

export function legalPersonFindings(lp: LegalPersonWithLocation): ObservedFinding[] {
  const out: ObservedFinding[] = [];
  const base = { subjectKind: 'LEGAL_PERSON' as const, subjectKey: lp.id };
  const site = lp.registeredLocation;
  const register = (item: string, value: string | null): Side => ({ source: 'geospatial', item, value });
  const registration = (item: string, value: string | null): Side => ({ source: 'legal-person', item, value });
  if (lp.registeredAddress != null && (!site || (site.text != null && site.text !== lp.registeredAddress))) {
    out.push({
      ...base,
      rule: ConsistencyRule.REGISTERED_ADDRESS,
      recordKey: site?.id ?? '',
      a: register('Address.text', site?.text ?? null),
      b: registration('LegalPerson.registeredAddress', lp.registeredAddress),
    });
  }
  const division = site?.division;
  if (division && lp.registeredDivisionCode != null && lp.registeredDivisionCode !== division.code && lp.registeredDivisionCode !== division.parentCode) {
    out.push({
      ...base,
      rule: ConsistencyRule.REGISTERED_DIVISION,
      recordKey: site.id,
      a: register('AdministrativeDivision.code', division.code),
      b: registration('LegalPerson.registeredDivisionCode', lp.registeredDivisionCode),
    });
  }
  return out;
}
