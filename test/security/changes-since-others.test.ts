/**
 * Issue 11: what consumers learn from `legalPersonChangesSince` and `creditRecordChangesSince`, and
 * who may write those databases. The providers correct a few records, each in one kind of item:
 *   legal persons  A contactPhone (conditional: taxation holds it in full for 综合治税)
 *                  B businessScope (open)
 *                  C employeeCount (NONE: the provider only)
 *                  D registeredAddress of a record registered at a home (served as Person.householdAddress)
 *   credit records P listName of a natural person's unpublished record (only readers of Person.creditRecords know of it)
 *                  Q caseFile of a legal person's record (NONE)
 *                  R listName of a legal person's record (open)
 * A change touching only items a reader may not read leaves no edge, key or time; the history's
 * who and old values are the provider's; another agency, or the provider without the operator
 * post, cannot write.
 */
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { maskAddressToDistrict } from '../../platform/masking/address';

const TAX = '综合治税';
const LP_CHANGES = `query($since: String!, $first: Int, $after: String) { legalPersonChangesSince(since: $since, first: $first, after: $after) {
  edges { node { legalPersonId kind values } } pageInfo { hasNextPage endCursor } } }`;
const CR_CHANGES = `query($since: String!) { creditRecordChangesSince(since: $since, first: 100) { edges { node { creditRecordId values } } } }`;

type Lp = { id: string; uscc: string; contact_phone: string | null; business_scope: string; employee_count: number | null; registered_address: string };
type Cr = { id: string; decision_number: string; list_name: string; case_file: string | null };
let since: string;
let lp: Record<'A' | 'B' | 'C' | 'D', Lp>;
let cr: Record<'P' | 'Q' | 'R', Cr>;

const market = (roles?: string[]) => asAgency('market-regulation', undefined, { operator: 'mr-clerk-3', roles });
const credit = () => asAgency('development-reform', undefined, { operator: 'dr-clerk-5' });
const updateLp = async (input: object[], headers?: Record<string, string>) =>
  gql(`mutation($input: [LegalPersonUpdateInput!]!) { updateLegalPersons(input: $input) { id } }`, { input }, headers ?? (await market()));
const updateCr = async (input: object[], headers?: Record<string, string>) =>
  gql(`mutation($input: [CreditRecordUpdateInput!]!) { updateCreditRecords(input: $input) { id } }`, { input }, headers ?? (await credit()));

const lpNodes = (r: any) =>
  (r.data?.legalPersonChangesSince?.edges ?? []).map((e: any) => e.node).filter((n: any) => Object.values(lp).some((x) => x.id === n.legalPersonId));
const crNodes = (r: any) =>
  (r.data?.creditRecordChangesSince?.edges ?? []).map((e: any) => e.node).filter((n: any) => Object.values(cr).some((x) => x.id === n.creditRecordId));

beforeAll(async () => {
  lp = await withDb('legal-person', async (c) => {
    since = (await c.query(`SELECT now() AS t`)).rows[0].t.toISOString();
    const pick = async (where: string, offset: number) =>
      (await c.query(`SELECT * FROM legal_person WHERE ${where} ORDER BY id DESC OFFSET $1 LIMIT 1`, [offset])).rows[0];
    return {
      A: await pick('contact_phone IS NOT NULL AND NOT registered_at_home', 0),
      B: await pick('NOT registered_at_home', 1),
      C: await pick('NOT registered_at_home', 2),
      D: await pick('registered_at_home', 0),
    };
  });
  cr = await withDb('credit', async (c) => {
    const pick = async (where: string) => (await c.query(`SELECT * FROM credit_record WHERE ${where} ORDER BY id DESC LIMIT 1`)).rows[0];
    return {
      P: await pick(`subject_kind = 'PERSON' AND category <> 'BLACK_LIST'`),
      Q: await pick(`subject_kind = 'LEGAL_PERSON'`),
      R: await pick(`subject_kind = 'LEGAL_PERSON' AND id <> (SELECT max(id) FROM credit_record WHERE subject_kind = 'LEGAL_PERSON')`),
    };
  });
  const r = await updateLp([
    { uscc: lp.A.uscc, contactPhone: '13911112222' },
    { uscc: lp.B.uscc, businessScope: `${lp.B.business_scope}（变更）` },
    { uscc: lp.C.uscc, employeeCount: (lp.C.employee_count ?? 0) + 7 },
    { uscc: lp.D.uscc, registeredAddress: `${lp.D.registered_address}附1号` },
  ]);
  expect(r.errors).toBeUndefined();
  const c = await updateCr([
    { decisionNumber: cr.P.decision_number, listName: `${cr.P.list_name}（更正）` },
    { decisionNumber: cr.Q.decision_number, caseFile: '案件来源：更正后的调查材料' },
    { decisionNumber: cr.R.decision_number, listName: `${cr.R.list_name}（更正）` },
  ]);
  expect(c.errors).toBeUndefined();
});

afterAll(async () => {
  const back = Object.values(lp).map((x) => ({
    uscc: x.uscc,
    contactPhone: x.contact_phone,
    businessScope: x.business_scope,
    employeeCount: x.employee_count,
    registeredAddress: x.registered_address,
  }));
  expect((await updateLp(back)).errors).toBeUndefined();
  expect(
    (await updateCr(Object.values(cr).map((x) => ({ decisionNumber: x.decision_number, listName: x.list_name, caseFile: x.case_file })))).errors,
  ).toBeUndefined();
});

describe('legalPersonChangesSince', () => {
  test('the provider sees every change in full, with who made it and the old values', async () => {
    const r = await gql(
      `query($since: String!) { legalPersonChangesSince(since: $since, first: 100) { edges { node { legalPersonId values oldValues agency operator legalPerson { uscc } } } } }`,
      { since },
      await market(),
    );
    expect(r.errors).toBeUndefined();
    const nodes = lpNodes(r);
    expect(nodes.map((n: any) => n.legalPersonId).sort()).toEqual(
      Object.values(lp)
        .map((x) => x.id)
        .sort(),
    );
    expect(nodes.find((n: any) => n.legalPersonId === lp.A.id)).toMatchObject({
      values: { contactPhone: '13911112222' },
      oldValues: { contactPhone: lp.A.contact_phone },
      agency: 'market-regulation',
      operator: 'mr-clerk-3',
      legalPerson: { uscc: lp.A.uscc },
    });
    expect(nodes.find((n: any) => n.legalPersonId === lp.D.id).values).toEqual({ registeredAddress: `${lp.D.registered_address}附1号` });
  });

  test('an agency without grants: only the open change (B) and the home address cut to its county (D); A and C leave no trace', async () => {
    const r = await gql(LP_CHANGES, { since, first: 100 }, await asAgency('human-resources'));
    expect(r.errors).toBeUndefined();
    const nodes = lpNodes(r);
    expect(nodes.map((n: any) => n.legalPersonId).sort()).toEqual([lp.B.id, lp.D.id].sort());
    expect(nodes.find((n: any) => n.legalPersonId === lp.D.id).values).toEqual({
      registeredAddress: maskAddressToDistrict(`${lp.D.registered_address}附1号`),
    });
    const text = JSON.stringify(r.data);
    for (const k of ['A', 'C'] as const) expect(text).not.toContain(lp[k].id);
    expect(text).not.toContain('13911112222');
    expect(text).not.toContain('附1号');
  });

  test('taxation (contact phone in full for 综合治税) sees A in full; C (NONE) nowhere', async () => {
    const r = await gql(LP_CHANGES, { since, first: 100 }, await asAgency('taxation', TAX));
    const nodes = lpNodes(r);
    expect(nodes.find((n: any) => n.legalPersonId === lp.A.id).values).toEqual({ contactPhone: '13911112222' });
    expect(JSON.stringify(r.data)).not.toContain(lp.C.id);
  });

  test('paging one change at a time shows no more than the full page', async () => {
    const headers = await asAgency('human-resources');
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await gql(LP_CHANGES, { since, first: 1, after }, headers);
      expect(page.errors).toBeUndefined();
      seen.push(...lpNodes(page).map((n: any) => n.legalPersonId));
      if (!page.data.legalPersonChangesSince.pageInfo.hasNextPage) break;
      after = page.data.legalPersonChangesSince.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual([lp.B.id, lp.D.id].sort());
    // The cursor is sealed to the caller: another agency cannot replay it.
    const first = await gql(LP_CHANGES, { since, first: 1 }, headers);
    const replay = await gql(LP_CHANGES, { since, first: 1, after: first.data.legalPersonChangesSince.pageInfo.endCursor }, await asAgency('taxation', TAX));
    expect(replay.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('who made a change and the old values are refused to a consumer', async () => {
    const r = await gql(
      `query($since: String!) { legalPersonChangesSince(since: $since, first: 100) { edges { node { legalPersonId operator agency oldValues } } } }`,
      { since },
      await asAgency('taxation', TAX),
    );
    expect(JSON.stringify(r.data)).not.toContain('mr-clerk-3');
    expect(new Set((r.errors ?? []).map((e: any) => e.extensions?.item))).toEqual(
      new Set(['LegalPersonChange.operator', 'LegalPersonChange.agency', 'LegalPersonChange.oldValues']),
    );
  });

  test('the read is audited as LegalPersonChange with the records told of as subjects', async () => {
    const r = await gql(LP_CHANGES, { since, first: 100 }, await asAgency('human-resources'));
    const events = await withDb(
      'catalog',
      async (c) =>
        (
          await c.query(
            `SELECT e.resource, ARRAY(SELECT s.subject_key FROM audit_event_subject s WHERE s.event_seq = e.seq) AS keys FROM audit_event e WHERE e.request_id = $1`,
            [r.headers.get('x-request-id')],
          )
        ).rows,
    );
    const change = events.find((e: any) => e.resource === 'LegalPersonChange');
    expect(change.keys).toEqual(expect.arrayContaining([lp.B.id, lp.D.id]));
    expect(change.keys).not.toContain(lp.A.id);
    expect(change.keys).not.toContain(lp.C.id);
  });
});

describe('creditRecordChangesSince', () => {
  test('the provider sees all three', async () => {
    const r = await gql(CR_CHANGES, { since }, await credit());
    expect(
      crNodes(r)
        .map((n: any) => n.creditRecordId)
        .sort(),
    ).toEqual(
      Object.values(cr)
        .map((x) => x.id)
        .sort(),
    );
  });

  test('without Person.creditRecords a natural person’s record is not known; a case file change (NONE) leaves no trace', async () => {
    const r = await gql(CR_CHANGES, { since }, await asAgency('human-resources'));
    expect(r.errors).toBeUndefined();
    expect(crNodes(r)).toEqual([{ creditRecordId: cr.R.id, values: { listName: `${cr.R.list_name}（更正）` } }]);
  });

  test('with Person.creditRecords (taxation) the person’s record change is listed', async () => {
    const r = await gql(CR_CHANGES, { since }, await asAgency('taxation', TAX));
    expect(
      crNodes(r)
        .map((n: any) => n.creditRecordId)
        .sort(),
    ).toEqual([cr.P.id, cr.R.id].sort());
  });
});

describe('only the provider’s operator writes', () => {
  test.each([
    ['another agency', () => asAgency('public-security', undefined, { operator: 'ps-1' })],
    ['the provider without the operator post', () => market(['approver'])],
  ])('%s: updateLegalPersons is FORBIDDEN and nothing changes', async (_, headers) => {
    const r = await updateLp([{ uscc: lp.B.uscc, businessScope: '篡改' }], await headers());
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', item: 'Mutation.updateLegalPersons' });
    const stored = await withDb('legal-person', async (c) => (await c.query(`SELECT business_scope FROM legal_person WHERE id = $1`, [lp.B.id])).rows[0]);
    expect(stored.business_scope).toBe(`${lp.B.business_scope}（变更）`);
  });

  test('another agency: updateCreditRecords is FORBIDDEN', async () => {
    const r = await updateCr([{ decisionNumber: cr.R.decision_number, listName: '篡改' }], await asAgency('market-regulation', undefined, { operator: 'm' }));
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', item: 'Mutation.updateCreditRecords' });
  });

  test('an invalid update is refused whole, naming index, field and reason', async () => {
    const r = await updateLp([
      { uscc: lp.B.uscc, contactPhone: '12345' },
      { uscc: lp.C.uscc, registeredDivisionCode: '110101' },
    ]);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.problems).toEqual([
      { index: 0, field: 'contactPhone', reason: expect.any(String) },
      { index: 1, field: 'registeredDivisionCode', reason: '110101 is not a division code of Hengyang' },
    ]);
  });
});
