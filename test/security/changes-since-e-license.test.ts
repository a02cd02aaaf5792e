/**
 * Issue 11: what consumers learn from `licenseChangesSince`, and who may write licences. Two
 * business licences (营业执照, provided by market-regulation) change:
 *   A through updateLicenses: validTo (a fact every agency reads) — re-signed with a fresh salt;
 *   B by a database change of its content only: 经营范围 (BusinessLicense.businessScope, CONDITIONAL;
 *     taxation holds a grant for it for 综合治税, human-resources none).
 * A change touching only items a reader may not read leaves no edge, key, time or value; the
 * history's who and old values are the provider's; another agency, another kind's provider, the
 * hosting bureau, or the provider without the operator post cannot write, and learn nothing of
 * the licence from the refusal. An updated licence still verifies (the platform re-signed it).
 */
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { PURPOSES } from '../../subgraphs/catalog/agencies/demo-agencies';
import { makeUscc } from '../../platform/ids/uscc';

const CHANGES = `query($since: String!) { licenseChangesSince(since: $since, first: 100) {
  edges { node { __typename licenseId type { code } kind values oldValues agency operator } } } }`;
const PUBLIC_CHANGES = `query($since: String!) { licenseChangesSince(since: $since, first: 100) {
  edges { node { licenseId type { code } kind values } } } }`;
const UPDATE = `mutation($input: [LicenseUpdateInput!]!) { updateLicenses(input: $input) { id validTo signature } }`;
const VERIFY = `query($n: String!, $c: JSON!, $t: String) { verifyLicense(number: $n, content: $c, type: $t) { authentic valid reasons } }`;

type Licence = { id: string; number: string; valid_to: string; content: Record<string, string>; signature: string; salt: string };
let since: string;
let l: Record<'A' | 'B', Licence>;
const NEW_VALID_TO = '2099-12-31';
const NEW_SCOPE = '测试变更：新的经营范围';

const provider = (roles?: string[]) => asAgency('market-regulation', undefined, { operator: 'mr-clerk-2', roles });
const nodes = (r: any) => (r.data?.licenseChangesSince?.edges ?? []).map((e: any) => e.node).filter((n: any) => [l.A.id, l.B.id].includes(n.licenseId));
const byId = (r: any, x: Licence) => nodes(r).filter((n: any) => n.licenseId === x.id);
const key = (x: Licence) => ({ type: 'BUSINESS_LICENSE', number: x.number, holderKind: 'LEGAL_PERSON', holder: x.number });

const stored = (id: string) =>
  withDb(
    'e-license',
    async (c) => (await c.query(`SELECT to_char(valid_to, 'YYYY-MM-DD') AS valid_to, signature, salt FROM license WHERE id = $1`, [id])).rows[0],
  );

beforeAll(async () => {
  l = await withDb('e-license', async (c) => {
    since = (await c.query(`SELECT now() AS t`)).rows[0].t.toISOString();
    // Companies' licences (no name or address carried from a person), valid, with a last day, holding a 经营范围.
    const rows = (
      await c.query(
        `SELECT id, number, to_char(valid_to, 'YYYY-MM-DD') AS valid_to, content, signature, salt FROM license
          WHERE type_code = 'BUSINESS_LICENSE' AND carried_name IS NULL AND carried_address IS NULL AND status = 'VALID'
            AND valid_to IS NOT NULL AND content ? '经营范围' AND number = content->>'统一社会信用代码'
          ORDER BY id DESC LIMIT 2`,
      )
    ).rows;
    return { A: rows[0], B: rows[1] };
  });
  const r = await gql(UPDATE, { input: [{ ...key(l.A), validTo: NEW_VALID_TO }] }, await provider());
  expect(r.errors).toBeUndefined();
  // A change made in the database itself (a DBA's correction under the provider's name): content only.
  await withDb('e-license', async (c) => {
    await c.query('BEGIN');
    await c.query(`SELECT set_config('hengyang.change_agency', 'market-regulation', true), set_config('hengyang.change_source', 'sql', true)`);
    await c.query(`UPDATE license SET content = jsonb_set(content, '{经营范围}', to_jsonb($2::text)) WHERE id = $1`, [l.B.id, NEW_SCOPE]);
    await c.query('COMMIT');
  });
});

afterAll(async () => {
  await withDb('e-license', (c) => c.query(`UPDATE license SET content = $2::jsonb WHERE id = $1`, [l.B.id, JSON.stringify(l.B.content)]));
  const back = await gql(UPDATE, { input: [{ ...key(l.A), validTo: l.A.valid_to }] }, await provider());
  expect(back.errors).toBeUndefined();
});

test('the update is stored re-signed with a fresh salt, and the licence still verifies', async () => {
  const now = await stored(l.A.id);
  expect(now.valid_to).toBe(NEW_VALID_TO);
  expect(now.salt).not.toBe(l.A.salt);
  expect(now.signature).not.toBe(l.A.signature);
  const v = await gql(VERIFY, { n: l.A.number, c: l.A.content, t: 'BUSINESS_LICENSE' }, await asAgency('health'));
  expect(v.errors).toBeUndefined();
  expect(v.data.verifyLicense).toMatchObject({ authentic: true, valid: true });
});

test('the provider sees both changes in full: values by item, old values, who', async () => {
  const r = await gql(CHANGES, { since }, await provider());
  expect(r.errors).toBeUndefined();
  const [a] = byId(r, l.A);
  expect(a).toMatchObject({
    __typename: 'BusinessLicenseChange',
    type: { code: 'BUSINESS_LICENSE' },
    kind: 'UPDATE',
    values: { validTo: NEW_VALID_TO, signature: expect.any(String) },
    oldValues: { validTo: l.A.valid_to, signature: l.A.signature },
    agency: 'market-regulation',
    operator: 'mr-clerk-2',
  });
  // The salt, the holder's key and the issuer's name are never part of a change.
  expect(Object.keys(a.values).sort()).toEqual(['signature', 'validTo']);
  const [b] = byId(r, l.B);
  expect(b.values).toEqual({ businessScope: NEW_SCOPE });
  expect(b.oldValues).toEqual({ businessScope: l.B.content['经营范围'] });
  expect(b.agency).toBe('market-regulation');
});

test('an agency without a grant: the fact change only; the content change leaves no edge, key or value; who and old values are not its', async () => {
  const r = await gql(CHANGES, { since }, await asAgency('human-resources'));
  expect(new Set(r.errors?.map((e: any) => `${e.extensions.code} ${e.extensions.item}`))).toEqual(
    new Set(['FORBIDDEN BusinessLicenseChange.oldValues', 'FORBIDDEN BusinessLicenseChange.agency', 'FORBIDDEN BusinessLicenseChange.operator']),
  );
  const mine = nodes(r);
  expect(mine.map((n: any) => n.licenseId)).toEqual([l.A.id]);
  expect(Object.keys(mine[0].values).sort()).toEqual(['signature', 'validTo']);
  const text = JSON.stringify(r.data);
  expect(text).not.toContain(l.B.id);
  expect(text).not.toContain(NEW_SCOPE);
  expect(text).not.toMatch(/salt|holder"/i);
});

test('an agency granted the content item for its purpose sees it; without the purpose it does not', async () => {
  const granted = await gql(PUBLIC_CHANGES, { since }, await asAgency('taxation', PURPOSES.taxGovernance));
  expect(granted.errors).toBeUndefined();
  expect(byId(granted, l.B).map((n: any) => n.values)).toEqual([{ businessScope: NEW_SCOPE }]);
  const noPurpose = await gql(PUBLIC_CHANGES, { since }, await asAgency('taxation'));
  expect(byId(noPurpose, l.B)).toEqual([]);
  expect(JSON.stringify(noPurpose.data)).not.toContain(NEW_SCOPE);
});

test('the read of a change is audited with the licence holder as subject', async () => {
  const operator = `hr-audit-${Date.now()}`;
  await gql(PUBLIC_CHANGES, { since }, await asAgency('human-resources', undefined, { operator }));
  const holder = await withDb('e-license', async (c) => (await c.query(`SELECT holder_id FROM license WHERE id = $1`, [l.A.id])).rows[0].holder_id);
  let rows: any[] = [];
  for (let i = 0; i < 100 && !rows.some((r) => r.subject_key === holder); i++) {
    rows = (
      await withDb('catalog', (c) =>
        c.query(
          `SELECT s.subject_key FROM audit_event e JOIN audit_event_subject s ON s.event_seq = e.seq
            WHERE e.operator = $1 AND 'BusinessLicense.validTo' = ANY(e.items_served)`,
          [operator],
        ),
      )
    ).rows;
    if (!rows.some((r) => r.subject_key === holder)) await new Promise((r) => setTimeout(r, 100));
  }
  expect(rows.map((r) => r.subject_key)).toContain(holder);
});

describe('who may update a licence', () => {
  // A well-formed USCC no licence carries (a style and serial the synthetic city does not use).
  const uscc = makeUscc('9', '1', '430400', 31 ** 6 - 1, 'MY');
  const NONE = { type: 'BUSINESS_LICENSE', number: uscc, holderKind: 'LEGAL_PERSON', holder: uscc };

  test.each([
    ['another agency', () => asAgency('human-resources', undefined, { operator: 'hr-1' })],
    ["another kind's provider", () => asAgency('public-security', undefined, { operator: 'ps-1' })],
    ['the bureau hosting the database', () => asAgency('data-bureau', undefined, { operator: 'db-1' })],
  ])('%s: FORBIDDEN, the same answer whether the licence exists or not, nothing changes', async (_name, who) => {
    const headers = await who();
    const real = await gql(UPDATE, { input: [{ ...key(l.A), validTo: '2098-01-01' }] }, headers);
    const none = await gql(UPDATE, { input: [{ ...NONE, validTo: '2098-01-01' }] }, headers);
    expect(real.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect({ code: none.errors?.[0]?.extensions?.code, message: none.errors?.[0]?.message }).toEqual({
      code: real.errors?.[0]?.extensions?.code,
      message: real.errors?.[0]?.message,
    });
    expect(real.data?.updateLicenses ?? null).toBeNull();
    expect((await stored(l.A.id)).valid_to).toBe(NEW_VALID_TO);
  });

  test('the provider without the operator post cannot update either', async () => {
    const r = await gql(UPDATE, { input: [{ ...key(l.A), validTo: '2098-01-01' }] }, await provider(['security-admin']));
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('a bad update is refused whole with index, field and reason; the valid one beside it is not applied', async () => {
    const before = await stored(l.A.id);
    const r = await gql(
      UPDATE,
      {
        input: [
          { ...key(l.A), validTo: '2097-01-01' },
          { ...key(l.B), validFrom: '2030-01-01', validTo: '2020-01-01' },
        ],
      },
      await provider(),
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ index: 1, field: 'validTo', reason: expect.any(String) }],
    });
    expect(await stored(l.A.id)).toEqual(before);
  });

  test('a licence the provider does not hold is NOT_FOUND, nothing applied; a signature cannot be given', async () => {
    const r = await gql(
      UPDATE,
      {
        input: [
          { ...key(l.A), validTo: '2097-01-01' },
          { ...NONE, validTo: '2097-01-01' },
        ],
      },
      await provider(),
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', index: 1 });
    expect((await stored(l.A.id)).valid_to).toBe(NEW_VALID_TO);
    const signed = await gql(UPDATE, { input: [{ ...key(l.A), signature: 'forged' }] }, await provider());
    expect(signed.errors?.[0]?.message).toMatch(/"signature" is not defined/);
    expect(signed.data?.updateLicenses ?? null).toBeNull();
  });
});
