/**
 * 社会信用库 through the router: profiles and ratings computed exactly from the seed generator,
 * category filters, document-number lookups, the publicity listing, validation, the joins with
 * 人口基础库 and 法人基础库, the policy it declares, and statement counts.
 * Run with TEST_SUBGRAPHS=population,legal-person,credit.
 */
import { asAgency, countSql, gql as rawGql } from '../support/client';
import { withDb } from '../support/db';
import { legalPersonCount } from '../../seed/synthetic/city';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticIdNumber, syntheticPerson } from '../../seed/synthetic/people';
import { CREDIT_REFERENCE_DATE, SyntheticCreditRecord, syntheticLegalPersonCreditRecords, syntheticPersonCreditRecords } from '../../seed/synthetic/credit';
import { CREDIT_CATEGORIES, isInPublicity, rateCredit, recordStatus, todayInChina } from '../../subgraphs/credit/rating';
import { applyMask } from '../../platform/masking';

const scale = () => Number(process.env.TEST_SEED_SCALE);
const AS_OF = CREDIT_REFERENCE_DATE;

/** Most tests read as the providing department (市发展改革委), which reads its own items in full. */
const gql = async (query: string, variables: Record<string, unknown> = {}) => rawGql(query, variables, await asAgency('development-reform'));

interface Subject<T> {
  index: number;
  subject: T;
  records: SyntheticCreditRecord[];
}

function legalPersonsWithRecords(): Subject<ReturnType<typeof syntheticLegalPerson>>[] {
  return Array.from({ length: legalPersonCount(scale()) }, (_, index) => {
    const subject = syntheticLegalPerson(index, scale());
    return { index, subject, records: syntheticLegalPersonCreditRecords(index, scale(), subject) };
  });
}

function personsWithRecords(): Subject<ReturnType<typeof syntheticPerson>>[] {
  const out: Subject<ReturnType<typeof syntheticPerson>>[] = [];
  for (let index = 0; index < scale(); index++) {
    const records = syntheticPersonCreditRecords(index);
    if (records.length) out.push({ index, subject: syntheticPerson(index), records });
  }
  return out;
}

const LEGAL_PERSONS = legalPersonsWithRecords();
const PERSONS = personsWithRecords();
const ALL_RECORDS = [...LEGAL_PERSONS, ...PERSONS].flatMap((s) => s.records);

const PROFILE_FIELDS = `asOf rating ratingReason onBlacklistNow blacklists redLists recentPenalties counts { category total inPublicity }`;

/** The profile the API must compute, from the generator and the pure rules. */
const expectedProfile = (records: SyntheticCreditRecord[], asOf = AS_OF) => {
  const { ratingReason: _reason, ...rest } = rateCredit(records, asOf);
  return rest;
};

const byDecisionNumber = (a: { decisionNumber: string }, b: { decisionNumber: string }) => (a.decisionNumber < b.decisionNumber ? -1 : 1);

describe('credit profiles computed from the seed', () => {
  test('a black-listed enterprise is on the list now and rated D', async () => {
    const black = LEGAL_PERSONS.find((s) => rateCredit(s.records, AS_OF).onBlacklistNow);
    expect(black).toBeDefined();
    const expected = expectedProfile(black!.records);
    expect(expected.rating).toBe('D');
    const r = await gql(`query($u: String!, $d: String) { legalPersonByUscc(uscc: $u) { name creditProfile(asOf: $d) { ${PROFILE_FIELDS} } } }`, {
      u: black!.subject.uscc,
      d: AS_OF,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.legalPersonByUscc.name).toBe(black!.subject.name);
    expect(r.data.legalPersonByUscc.creditProfile).toMatchObject({ ...expected, onBlacklistNow: true, rating: 'D' });
    expect(r.data.legalPersonByUscc.creditProfile.ratingReason).toContain(expected.blacklists[0]);
  });

  test('a red-listed enterprise without penalties in publicity is rated A', async () => {
    const red = LEGAL_PERSONS.find((s) => rateCredit(s.records, AS_OF).rating === 'A');
    expect(red).toBeDefined();
    const r = await gql(`query($u: String!, $d: String) { creditProfileByUscc(uscc: $u, asOf: $d) { ${PROFILE_FIELDS} } }`, {
      u: red!.subject.uscc,
      d: AS_OF,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.creditProfileByUscc).toMatchObject(expectedProfile(red!.records));
    expect(r.data.creditProfileByUscc.rating).toBe('A');
    expect(r.data.creditProfileByUscc.redLists.length).toBeGreaterThan(0);
  });

  test('counts per category match the generator for every legal person of a page', async () => {
    const r = await gql(`query($d: String) { legalPersons(first: 500) { edges { node { uscc creditProfile(asOf: $d) { ${PROFILE_FIELDS} } } } } }`, {
      d: AS_OF,
    });
    expect(r.errors).toBeUndefined();
    const byUscc = new Map(LEGAL_PERSONS.map((s) => [s.subject.uscc, s]));
    expect(r.data.legalPersons.edges).toHaveLength(LEGAL_PERSONS.length);
    const ratings = new Set<string>();
    for (const { node } of r.data.legalPersons.edges) {
      const s = byUscc.get(node.uscc)!;
      expect(node.creditProfile).toMatchObject(expectedProfile(s.records));
      expect(node.creditProfile.counts.map((c: any) => c.category)).toEqual([...CREDIT_CATEGORIES]);
      ratings.add(node.creditProfile.rating);
    }
    expect([...ratings].sort()).toEqual(expect.arrayContaining(['A', 'B', 'D']));
  });

  test('the default asOf is today in China, and the profile follows the clock', async () => {
    const s = LEGAL_PERSONS.find((x) => x.records.length >= 2)!;
    const r = await gql(`query($u: String!) { creditProfileByUscc(uscc: $u) { ${PROFILE_FIELDS} } }`, { u: s.subject.uscc });
    expect(r.errors).toBeUndefined();
    const today = todayInChina();
    expect(r.data.creditProfileByUscc).toMatchObject(expectedProfile(s.records, today));
    expect(r.data.creditProfileByUscc.asOf).toBe(today);
  });

  test('a subject without records is B with zero counts', async () => {
    const none = LEGAL_PERSONS.find((s) => s.records.length === 0)!;
    const r = await gql(`query($u: String!) { creditProfileByUscc(uscc: $u, asOf: "2025-12-31") { rating onBlacklistNow blacklists counts { total } } }`, {
      u: none.subject.uscc,
    });
    expect(r.data.creditProfileByUscc).toEqual({ rating: 'B', onBlacklistNow: false, blacklists: [], counts: CREDIT_CATEGORIES.map(() => ({ total: 0 })) });
  });
});

describe('credit records', () => {
  test('LegalPerson.creditRecords(category:) filters by enum name and by Chinese name', async () => {
    const s = LEGAL_PERSONS.filter((x) => new Set(x.records.map((r) => r.category)).size >= 2).find((x) =>
      x.records.some((r) => r.category === 'ADMINISTRATIVE_LICENSING'),
    )!;
    expect(s).toBeDefined();
    const q = `query($u: String!, $c: String) { legalPersonByUscc(uscc: $u) { creditRecords(category: $c) {
      category listName decisionNumber decisionDate validTo publicityStart publicityEnd repairedDate content issuingAgency { name code } } } }`;
    const all = await gql(q, { u: s.subject.uscc });
    expect(all.errors).toBeUndefined();
    expect(all.data.legalPersonByUscc.creditRecords.map((r: any) => r.decisionNumber).sort()).toEqual(s.records.map((r) => r.decisionNumber).sort());
    const expected = s.records.filter((r) => r.category === 'ADMINISTRATIVE_LICENSING');
    for (const c of ['ADMINISTRATIVE_LICENSING', '行政许可']) {
      const got = (await gql(q, { u: s.subject.uscc, c })).data.legalPersonByUscc.creditRecords;
      expect([...got].sort(byDecisionNumber)).toEqual(
        [...expected].sort(byDecisionNumber).map((r) => ({
          category: r.category,
          listName: r.listName,
          decisionNumber: r.decisionNumber,
          decisionDate: r.decisionDate,
          validTo: r.validTo,
          // The provider reads the operator's name the text carries ({经营者}, issue 8 class 13) in full.
          publicityStart: r.publicityStart,
          publicityEnd: r.publicityEnd,
          repairedDate: r.repairedDate,
          content: r.content.split('{经营者}').join(s.subject.operatorName ?? ''),
          issuingAgency: { name: r.agencyName, code: r.agencyCode },
        })),
      );
    }
    // Newest first.
    const dates = all.data.legalPersonByUscc.creditRecords.map((r: any) => r.decisionDate);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  test('creditRecordByDecisionNumber accepts any bracket style and joins the legal person', async () => {
    const s =
      LEGAL_PERSONS.find((x) => x.records.some((r) => r.category === 'BLACK_LIST' && r.listName === '失信被执行人')) ??
      LEGAL_PERSONS.find((x) => x.records.some((r) => r.category === 'BLACK_LIST'))!;
    const record = s.records.find((r) => r.category === 'BLACK_LIST')!;
    const typed = record.decisionNumber.replace('（', '(').replace('）', ')').replace('〔', '[').replace('〕', ']');
    const r = await gql(
      `query($n: String!, $d: String) { creditRecordByDecisionNumber(decisionNumber: $n) { id decisionNumber category listName subjectKind
         status(asOf: $d) caseFile legalPerson { uscc name } person { id } personalContent } }`,
      { n: ` ${typed} `, d: AS_OF },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.creditRecordByDecisionNumber).toMatchObject({
      decisionNumber: record.decisionNumber,
      category: 'BLACK_LIST',
      listName: record.listName,
      subjectKind: 'LEGAL_PERSON',
      status: recordStatus(record, AS_OF),
      caseFile: record.caseFile,
      legalPerson: { uscc: s.subject.uscc, name: s.subject.name },
      person: null,
      personalContent: null,
    });
    const byId = await gql(`query($id: ID!) { creditRecord(id: $id) { decisionNumber } }`, { id: r.data.creditRecordByDecisionNumber.id });
    expect(byId.data.creditRecord.decisionNumber).toBe(record.decisionNumber);
    const missing = await gql(`{ creditRecordByDecisionNumber(decisionNumber: "衡市监处罚〔2019〕999999999号") { id } }`);
    expect(missing.errors).toBeUndefined();
    expect(missing.data.creditRecordByDecisionNumber).toBeNull();
  });

  test('statuses follow the publicity rules: in publicity, expired, repaired and not published all occur', async () => {
    const q = `query($n: String!, $d: String) { creditRecordByDecisionNumber(decisionNumber: $n) { status(asOf: $d) severity } }`;
    const seen = new Set<string>();
    for (const status of ['IN_PUBLICITY', 'EXPIRED', 'REPAIRED', 'NOT_PUBLISHED']) {
      const record = ALL_RECORDS.find((r) => recordStatus(r, AS_OF) === status);
      expect(record).toBeDefined();
      const r = await gql(q, { n: record!.decisionNumber, d: AS_OF });
      expect(r.data.creditRecordByDecisionNumber).toEqual({ status, severity: record!.severity });
      seen.add(status);
    }
    expect(seen.size).toBe(4);
  });

  test('the publicity listing pages through the records of a category in publicity on a date', async () => {
    const expected = ALL_RECORDS.filter((r) => r.category === 'ADMINISTRATIVE_PENALTY' && isInPublicity(r, AS_OF))
      .map((r) => r.decisionNumber)
      .sort();
    expect(expected.length).toBeGreaterThan(3);
    const q = `query($after: String, $d: String) { creditRecords(category: "行政处罚", inPublicityOn: $d, first: 3, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { decisionNumber category status(asOf: $d) } } } }`;
    const got: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const r: any = await gql(q, { after, d: AS_OF });
      expect(r.errors).toBeUndefined();
      expect(r.data.creditRecords.totalCount).toBe(expected.length);
      for (const { node } of r.data.creditRecords.edges) {
        expect(node).toMatchObject({ category: 'ADMINISTRATIVE_PENALTY', status: 'IN_PUBLICITY' });
        got.push(node.decisionNumber);
      }
      if (!r.data.creditRecords.pageInfo.hasNextPage) break;
      after = r.data.creditRecords.pageInfo.endCursor;
    }
    expect(got.sort()).toEqual(expected);
  });

  test('the listing filters by subject kind and list name', async () => {
    const expected = ALL_RECORDS.filter((r) => r.subjectKind === 'PERSON' && r.listName === '失信被执行人').length;
    const r = await gql(
      `{ creditRecords(subjectKind: PERSON, listName: "失信被执行人", first: 500) { totalCount edges { node { subjectKind listName legalPerson { id } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.creditRecords.totalCount).toBe(expected);
    expect(r.data.creditRecords.edges).toHaveLength(expected);
    for (const { node } of r.data.creditRecords.edges) expect(node).toEqual({ subjectKind: 'PERSON', listName: '失信被执行人', legalPerson: null });
  });
});

describe('persons’ credit through the router', () => {
  test('Person.creditProfile, creditRecords and creditBlacklists for a 失信被执行人', async () => {
    const s =
      PERSONS.find((x) => rateCredit(x.records, AS_OF).onBlacklistNow && rateCredit(x.records, todayInChina()).onBlacklistNow) ??
      PERSONS.find((x) => rateCredit(x.records, AS_OF).onBlacklistNow)!;
    expect(s).toBeDefined();
    const r = await gql(
      `query($n: String!, $d: String) { personByIdNumber(idNumber: $n) { id creditBlacklists creditProfile(asOf: $d) { ${PROFILE_FIELDS} }
         creditRecords(category: "BLACK_LIST") { decisionNumber personalContent content person { id } legalPerson { id } } } }`,
      { n: s.subject.idNumber, d: AS_OF },
    );
    expect(r.errors).toBeUndefined();
    const got = r.data.personByIdNumber;
    expect(got.creditProfile).toMatchObject({ ...expectedProfile(s.records), rating: 'D', blacklists: ['失信被执行人'] });
    expect(got.creditBlacklists).toEqual(rateCredit(s.records, todayInChina()).blacklists);
    const black = s.records.filter((x) => x.category === 'BLACK_LIST');
    expect(got.creditRecords).toEqual(
      black.map((x) => ({ decisionNumber: x.decisionNumber, personalContent: x.content, content: null, person: { id: got.id }, legalPerson: null })),
    );
  });

  test('a person’s administrative penalties are counted and filtered', async () => {
    const s =
      PERSONS.find((x) => x.records.filter((r) => r.category === 'ADMINISTRATIVE_PENALTY').length >= 1 && x.records.length >= 2) ??
      PERSONS.find((x) => x.records.some((r) => r.category === 'ADMINISTRATIVE_PENALTY'))!;
    const r = await gql(
      `query($n: String!, $d: String) { personByIdNumber(idNumber: $n) { creditProfile(asOf: $d) { rating counts { category total inPublicity } }
         creditRecords(category: "ADMINISTRATIVE_PENALTY") { decisionNumber severity listName } } }`,
      { n: s.subject.idNumber, d: AS_OF },
    );
    expect(r.errors).toBeUndefined();
    const expected = expectedProfile(s.records);
    expect(r.data.personByIdNumber.creditProfile).toEqual({ rating: expected.rating, counts: expected.counts });
    expect([...r.data.personByIdNumber.creditRecords].sort(byDecisionNumber)).toEqual(
      s.records
        .filter((x) => x.category === 'ADMINISTRATIVE_PENALTY')
        .sort(byDecisionNumber)
        .map((x) => ({ decisionNumber: x.decisionNumber, severity: x.severity, listName: x.listName })),
    );
  });

  test('a legal representative’s credit profile is reached from the enterprise', async () => {
    const s = LEGAL_PERSONS.find((x) => PERSONS.some((p) => p.index === x.subject.legalRepresentativeIndex)) ?? LEGAL_PERSONS[0];
    const rep = PERSONS.find((p) => p.index === s.subject.legalRepresentativeIndex);
    const r = await gql(
      `query($u: String!, $d: String) { legalPersonByUscc(uscc: $u) { creditProfile(asOf: $d) { rating } legalRepresentative { creditProfile(asOf: $d) { rating counts { total } } } } }`,
      { u: s.subject.uscc, d: AS_OF },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.legalPersonByUscc.creditProfile.rating).toBe(rateCredit(s.records, AS_OF).rating);
    const repProfile = rateCredit(rep?.records ?? [], AS_OF);
    expect(r.data.legalPersonByUscc.legalRepresentative.creditProfile).toEqual({
      rating: repProfile.rating,
      counts: repProfile.counts.map((c) => ({ total: c.total })),
    });
  });
});

describe('validation', () => {
  test.each([
    ['bad category', `{ creditRecords(category: "GREEN_LIST") { totalCount } }`, 'category'],
    ['bad category on LegalPerson', `{ legalPersons(first: 1) { edges { node { creditRecords(category: "优秀") { id } } } } }`, 'category'],
    ['malformed decision number', `{ creditRecordByDecisionNumber(decisionNumber: "123") { id } }`, 'decisionNumber'],
    ['decision number without 号', `{ creditRecordByDecisionNumber(decisionNumber: "衡市监处罚〔2024〕123") { id } }`, 'decisionNumber'],
    ['first too large', `{ creditRecords(first: 501) { totalCount } }`, 'first'],
    ['first zero', `{ creditRecords(first: 0) { totalCount } }`, 'first'],
    ['bad cursor', `{ creditRecords(first: 1, after: "nope") { totalCount } }`, 'after'],
    ['bad asOf', `{ creditProfileByUscc(uscc: "${syntheticLegalPerson(0, 1000).uscc}", asOf: "2025-02-30") { rating } }`, 'asOf'],
    ['bad inPublicityOn', `{ creditRecords(inPublicityOn: "yesterday") { totalCount } }`, 'inPublicityOn'],
    ['bad USCC', `{ creditProfileByUscc(uscc: "91430400MA4L000000") { rating } }`, 'uscc'],
    ['bad id', `{ creditRecord(id: "x") { id } }`, 'id'],
    ['empty list name', `{ creditRecords(listName: "  ") { totalCount } }`, 'listName'],
  ])('%s is BAD_USER_INPUT naming the argument', async (_label, query, argument) => {
    const r = await gql(query);
    expect(r.status).toBeLessThan(500);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.argument).toBe(argument);
  });
});

describe('credit policy', () => {
  const black = () => LEGAL_PERSONS.find((s) => rateCredit(s.records, AS_OF).onBlacklistNow)!;
  const personRecord = () => PERSONS.flatMap((s) => s.records).find((r) => r.category === 'ADMINISTRATIVE_PENALTY' && r.caseFile)!;

  test('a legal person’s black-list status, rating and 双公示 records are open data: served without a token', async () => {
    const s = black();
    const r = await rawGql(
      `query($u: String!, $d: String) { creditProfileByUscc(uscc: $u, asOf: $d) { rating onBlacklistNow blacklists }
         legalPersonByUscc(uscc: $u) { creditRecords { decisionNumber content issuingAgency { name } } } }`,
      { u: s.subject.uscc, d: AS_OF },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.creditProfileByUscc).toMatchObject({ rating: 'D', onBlacklistNow: true });
    // An operator's name the text carries is hidden from the anonymous reader (issue 8, class 13).
    expect(r.data.legalPersonByUscc.creditRecords.map((x: any) => x.content).sort()).toEqual(
      s.records.map((x) => x.content.split('{经营者}').join('***')).sort(),
    );
  });

  test('investigation material (caseFile) is refused to other agencies, citing 行政处罚法第五十条', async () => {
    // A legal person's record: a person's is not served at all without a grant (issue 8, class 15).
    const record = LEGAL_PERSONS.flatMap((s) => s.records).find((r) => r.caseFile)!;
    const r = await rawGql(
      `query($n: String!) { creditRecordByDecisionNumber(decisionNumber: $n) { decisionNumber caseFile } }`,
      { n: record.decisionNumber },
      await asAgency('market-regulation'),
    );
    expect(r.data.creditRecordByDecisionNumber.decisionNumber).toBe(record.decisionNumber);
    const error = r.errors?.find((e) => e.path?.includes('caseFile'));
    expect(error?.extensions?.code).toBe('FORBIDDEN');
    expect(error?.extensions?.basis).toMatch(/行政处罚法》第五十条/);
  });

  test('a person’s record content and profile need a grant; the person’s black-list membership does not', async () => {
    const record = personRecord();
    const r = await rawGql(
      `query($n: String!) { creditRecordByDecisionNumber(decisionNumber: $n) { category listName personalContent person { id } } }`,
      { n: record.decisionNumber },
      await asAgency('market-regulation'),
    );
    // Since issue 8 (class 15) a person's unpublished record is refused as a whole without Person.creditRecords
    // (it was served with its open facts, and only personalContent and person refused).
    expect(r.data?.creditRecordByDecisionNumber ?? null).toBeNull();
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', item: 'Person.creditRecords' });
    const s = PERSONS.find((x) => rateCredit(x.records, todayInChina()).onBlacklistNow)!;
    const p = await rawGql(
      `query($n: String!) { personByIdNumber(idNumber: $n) { creditBlacklists creditProfile { rating } } }`,
      { n: s.subject.idNumber },
      await asAgency('market-regulation'),
    );
    expect(p.data.personByIdNumber.creditBlacklists).toEqual(['失信被执行人']);
    expect(p.errors?.find((e) => e.path?.includes('creditProfile'))?.extensions?.code).toBe('FORBIDDEN');
  });

  test('with a grant, a person’s record content is masked by default to its four-character type', async () => {
    const PURPOSE = '失信联合惩戒核查';
    await withDb('catalog', (c) =>
      c.query(
        `INSERT INTO sharing_grant (agency_code, items, purposes, masks, valid_from, valid_to) VALUES ('market-regulation', $1, $2, '{}', now() - interval '1 minute', now() + interval '1 day')`,
        // Person.creditRecords: a person's record is served by lookup only with it (issue 8, class 15).
        [['CreditRecord.personalContent', 'Person.creditProfile', 'Person.creditRecords'], [PURPOSE]],
      ),
    );
    await new Promise((r) => setTimeout(r, 300)); // LISTEN/NOTIFY reaches the subgraphs well within this
    const record = personRecord();
    const r = await rawGql(
      `query($n: String!) { creditRecordByDecisionNumber(decisionNumber: $n) { personalContent } }`,
      { n: record.decisionNumber },
      await asAgency('market-regulation', PURPOSE),
    );
    expect(r.errors).toBeUndefined();
    const masked = r.data.creditRecordByDecisionNumber.personalContent;
    expect(masked).toBe(applyMask(record.content, 'KEEP(5,0)', { hashKey: process.env.PLATFORM_HMAC_KEY! }));
    expect(record.content[4]).toBe('：');
    expect(masked.slice(0, 5)).toBe(record.content.slice(0, 5));
    expect(masked.slice(5)).toMatch(/^\*+$/);
  });
});

describe('statement counts', () => {
  test('a page of enterprises with their and their representatives’ profiles costs the same SQL for 10 and 100', async () => {
    const q = `query($n: Int!) { legalPersons(first: $n) { edges { node { creditProfile { rating } legalRepresentative { creditProfile { rating } } } } } }`;
    const small = await countSql(() => gql(q, { n: 10 }));
    const large = await countSql(() => gql(q, { n: 100 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data.legalPersons.edges).toHaveLength(100);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(4);
  });

  test('persons’ keys in the seed are the population subgraph’s keys', async () => {
    const s = PERSONS[0];
    expect(syntheticIdNumber(s.index)).toBe(s.subject.idNumber);
    const r = await rawGql(
      `query($n: String!) { personByIdNumber(idNumber: $n) { id creditRecords { person { id } } } }`,
      { n: s.subject.idNumber },
      await asAgency('development-reform'),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.personByIdNumber.creditRecords).toHaveLength(s.records.length);
    for (const x of r.data.personByIdNumber.creditRecords) expect(x.person.id).toBe(r.data.personByIdNumber.id);
  });
});
