// Guards issue 8, class 15: "unconditional facts that are not harmless". Classification follows
// what a value says: a natural person's unpublished penalty record (an offence and the police or
// another agency behind it) is not open data, and relations that pair people (a person with the
// head of their household) are not unconditional. The review is docs/classification-review.md.
import { asAgency, gql } from '../support/client';
import { syntheticPersonCreditRecords } from '../../seed/synthetic/credit';
import { syntheticIdNumber } from '../../seed/synthetic/people';
import { PURPOSES } from '../../subgraphs/catalog/agencies/demo-agencies';

const scale = () => Number(process.env.TEST_SEED_SCALE);

/** A person's administrative penalty decided by the police (无证驾驶, 违规燃放…). */
function policePenalty() {
  for (let i = 0; i < scale(); i++) {
    const r = syntheticPersonCreditRecords(i).find((x) => x.category === 'ADMINISTRATIVE_PENALTY' && x.agencyName.endsWith('公安局'));
    if (r) return { index: i, record: r };
  }
  throw new Error('no police penalty of a person at this scale');
}

const BY_NUMBER = `query($n: String!) { creditRecordByDecisionNumber(decisionNumber: $n) { decisionNumber listName severity issuingAgency { name } } }`;

describe('a natural person’s penalty record is not open data', () => {
  test('looked up by its decision number, it is refused to the anonymous reader and to an agency without a grant', async () => {
    const { record } = policePenalty();
    for (const headers of [{}, await asAgency('natural-resources')]) {
      const r = await gql(BY_NUMBER, { n: record.decisionNumber }, headers);
      expect(r.data?.creditRecordByDecisionNumber ?? null).toBeNull();
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', item: 'Person.creditRecords', provider: 'development-reform' });
      expect(JSON.stringify(r.data ?? {})).not.toContain(record.agencyName);
    }
  });

  test('an agency granted Person.creditRecords for its purpose reads it; the provider too', async () => {
    const { record } = policePenalty();
    for (const headers of [await asAgency('finance-bank', PURPOSES.inclusiveFinance), await asAgency('development-reform')]) {
      const r = await gql(BY_NUMBER, { n: record.decisionNumber }, headers);
      expect(r.errors).toBeUndefined();
      expect(r.data.creditRecordByDecisionNumber).toMatchObject({ decisionNumber: record.decisionNumber, issuingAgency: { name: record.agencyName } });
    }
    // the same agency without its purpose is refused
    const noPurpose = await gql(BY_NUMBER, { n: record.decisionNumber }, await asAgency('finance-bank'));
    expect(noPurpose.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test('variant: listings neither show nor count a person’s unpublished records; a court’s published 失信被执行人 entries stay listed', async () => {
    const q = `query($k: CreditSubjectKind, $c: String) { creditRecords(subjectKind: $k, category: $c, first: 500) { totalCount edges { node { category subjectKind } } } }`;
    const anon = await gql(q, { k: 'PERSON', c: 'ADMINISTRATIVE_PENALTY' });
    expect(anon.errors).toBeUndefined();
    expect(anon.data.creditRecords).toEqual({ totalCount: 0, edges: [] });
    const own = await gql(q, { k: 'PERSON', c: 'ADMINISTRATIVE_PENALTY' }, await asAgency('development-reform'));
    expect(own.data.creditRecords.totalCount).toBeGreaterThan(0);
    const people = await gql(q, { k: 'PERSON' }, await asAgency('natural-resources'));
    expect(people.errors).toBeUndefined();
    expect(new Set(people.data.creditRecords.edges.map((e: any) => e.node.category))).toEqual(new Set(['BLACK_LIST']));
  });

  test('variant: a person’s record reached as an entity representation is refused too', async () => {
    const { index } = policePenalty();
    const q = `query($n: String!) { personByIdNumber(idNumber: $n) { creditRecords { decisionNumber } } }`;
    const r = await gql(q, { n: syntheticIdNumber(index) }, await asAgency('natural-resources'));
    expect(r.data?.personByIdNumber?.creditRecords ?? null).toBeNull();
    expect(r.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });
});

describe('relations that pair people are not unconditional', () => {
  test('Household.head is refused to an agency without a grant (with Person.household it paired everyone with their household head)', async () => {
    // Person.household is conditional too (class 5), so reach the household by its key, as the provider gives it.
    const own = await gql(`{ persons(first: 20) { edges { node { household { id } } } } }`, {}, await asAgency('public-security'));
    const ids = own.data.persons.edges.map((e: any) => e.node.household?.id).filter(Boolean);
    expect(ids.length).toBeGreaterThan(0);
    const r = await gql(`query($id: ID!) { household(id: $id) { id head { id } } }`, { id: ids[0] }, await asAgency('natural-resources'));
    expect(r.data?.household?.head ?? null).toBeNull();
    expect(r.errors?.some((e) => e.extensions?.code === 'FORBIDDEN' && e.extensions?.item === 'Household.head')).toBe(true);
  });

  test('the provider still reads it', async () => {
    const r = await gql(`{ persons(first: 5) { edges { node { household { head { id } } } } } }`, {}, await asAgency('public-security'));
    expect(r.errors).toBeUndefined();
    expect(r.data.persons.edges.some((e: any) => e.node.household?.head?.id)).toBe(true);
  });
});
