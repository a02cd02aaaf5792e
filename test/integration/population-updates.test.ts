/**
 * Issue 11: the provider's small updates (`updatePersons`), the change history they leave in the
 * population database, and freshness in the evaluation from the real last change.
 */
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { as, BUREAU, ok } from './catalog-support';
import { syntheticIdNumber, syntheticPerson } from '../../seed/synthetic/people';
import { personKey } from '../../platform/keys';
import { chinaDay } from '../../subgraphs/catalog/calendar/working-days';

const scale = () => Number(process.env.TEST_SEED_SCALE);
const UPDATE = `mutation Update($input: [PersonUpdateInput!]!) { updatePersons(input: $input) { id name phone householdAddress } }`;
const provider = (roles?: string[]) => asAgency('public-security', undefined, { operator: 'ps-clerk-9', roles });

/** Two living persons from the middle of the seed (the changes-since suite takes the last ones). */
const X = syntheticPerson(scale() - 100);
const Y = syntheticPerson(scale() - 101);
let original: Record<string, { name: string; phone: string | null; household_address: string }>;

const row = (idNumber: string) =>
  withDb(
    'population',
    async (c) => (await c.query(`SELECT name, phone, household_address, updated_at FROM person WHERE id = $1`, [personKey(idNumber)])).rows[0],
  );
const historyOf = (idNumber: string) =>
  withDb(
    'population',
    async (c) =>
      (
        await c.query(`SELECT agency, operator, source, kind, fields, old_values, new_values FROM record_change WHERE record_id = $1 ORDER BY id`, [
          personKey(idNumber),
        ])
      ).rows,
  );

beforeAll(async () => {
  original = { [X.idNumber]: await row(X.idNumber), [Y.idNumber]: await row(Y.idNumber) };
});

afterAll(async () => {
  const r = await gql(
    UPDATE,
    { input: Object.entries(original).map(([idNumber, o]) => ({ idNumber, name: o.name, phone: o.phone, householdAddress: o.household_address })) },
    await provider(),
  );
  expect(r.errors).toBeUndefined();
});

describe('updatePersons by the provider', () => {
  test("the provider's operator corrects two records; each change is in the history with who, when, old and new values", async () => {
    const before = await row(X.idNumber);
    const r = await gql(
      UPDATE,
      {
        input: [
          { idNumber: X.idNumber, name: `${X.name.slice(0, 1)}更正`, phone: '13700001111' },
          { idNumber: Y.idNumber, householdAddress: `${Y.householdAddress}附1号` },
        ],
      },
      await provider(),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.updatePersons).toEqual([
      { id: personKey(X.idNumber), name: `${X.name.slice(0, 1)}更正`, phone: '13700001111', householdAddress: X.householdAddress },
      { id: personKey(Y.idNumber), name: Y.name, phone: original[Y.idNumber].phone, householdAddress: `${Y.householdAddress}附1号` },
    ]);
    const after = await row(X.idNumber);
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
    expect((await historyOf(X.idNumber)).at(-1)).toEqual({
      agency: 'public-security',
      operator: 'ps-clerk-9',
      source: 'mutation',
      kind: 'UPDATE',
      fields: ['name', 'phone'],
      old_values: { name: original[X.idNumber].name, phone: original[X.idNumber].phone },
      new_values: { name: `${X.name.slice(0, 1)}更正`, phone: '13700001111' },
    });
    expect((await historyOf(Y.idNumber)).at(-1)).toMatchObject({
      fields: ['household_address'],
      new_values: { household_address: `${Y.householdAddress}附1号` },
    });
    const requestId = r.headers.get('x-request-id')!;
    const event = await withDb(
      'catalog',
      async (c) =>
        (
          await c.query(
            `SELECT e.items_served, ARRAY(SELECT s.subject_key FROM audit_event_subject s WHERE s.event_seq = e.seq) AS keys
               FROM audit_event e WHERE e.request_id = $1 AND e.resource = 'Person'`,
            [requestId],
          )
        ).rows[0],
    );
    expect(event.items_served).toContain('Mutation.updatePersons');
    expect(event.keys).toEqual(expect.arrayContaining([personKey(X.idNumber), personKey(Y.idNumber)]));
  });

  test("freshness in the evaluation is the data's last change, reported by the update (not the report's own time)", async () => {
    const last = await withDb('population', async (c) => (await c.query(`SELECT max(updated_at) AS t FROM person`)).rows[0].t as Date);
    const report = await withDb(
      'catalog',
      async (c) =>
        (
          await c.query(
            `SELECT source, last_changed_at, refreshed_at FROM resource_refresh WHERE subgraph = 'population' AND table_name = 'person' ORDER BY id DESC LIMIT 1`,
          )
        ).rows[0],
    );
    expect(report.source).toBe('change');
    expect(report.last_changed_at.toISOString()).toBe(last.toISOString());
    expect(report.refreshed_at.getTime()).toBeGreaterThan(last.getTime());
    const year = Number(chinaDay(new Date()).slice(0, 4));
    const r = ok(
      await gql(
        `query($year: Int!) { bureauEvaluationReport(year: $year) { providers { agencyCode resources { code lastRefreshedAt overdue } } } }`,
        { year },
        await as(BUREAU),
      ),
    ).bureauEvaluationReport;
    const person = r.providers.find((p: any) => p.agencyCode === 'public-security').resources.find((x: any) => x.code === 'HY-RK-001');
    expect(person).toEqual({ code: 'HY-RK-001', lastRefreshedAt: last.toISOString(), overdue: false });
  });

  test('a change made outside the platform (a DBA’s SQL) is recorded too, as the database user’s', async () => {
    await withDb('population', (c) => c.query(`UPDATE person SET phone = '13700002222' WHERE id = $1`, [personKey(X.idNumber)]));
    expect((await historyOf(X.idNumber)).at(-1)).toMatchObject({
      agency: expect.stringMatching(/^database:/),
      operator: null,
      source: 'sql',
      fields: ['phone'],
    });
  });
});

describe('updatePersons refused', () => {
  test('another agency’s operator: FORBIDDEN, nothing changed, the refusal audited', async () => {
    const before = await historyOf(X.idNumber);
    const r = await gql(UPDATE, { input: [{ idNumber: X.idNumber, name: '冒名' }] }, await asAgency('civil-affairs', '最低生活保障审核'));
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', item: 'Mutation.updatePersons', provider: 'public-security' });
    expect(await historyOf(X.idNumber)).toEqual(before);
    const refused = await withDb(
      'catalog',
      async (c) => (await c.query(`SELECT items_refused FROM audit_event WHERE request_id = $1`, [r.headers.get('x-request-id')])).rows[0].items_refused,
    );
    expect(refused).toContain('Mutation.updatePersons');
  });

  test('the provider without the operator post: FORBIDDEN', async () => {
    const r = await gql(UPDATE, { input: [{ idNumber: X.idNumber, name: '某某' }] }, await provider(['approver']));
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  test('invalid values: BAD_USER_INPUT naming each input, field and reason; the valid one is not applied either', async () => {
    const before = await row(X.idNumber);
    const r = await gql(
      UPDATE,
      {
        input: [
          { idNumber: X.idNumber, name: '合法' },
          { idNumber: '430405197107264169' },
          { idNumber: Y.idNumber, birthDate: '2001-02-03', householdDivisionCode: '430400', phone: '12345' },
        ],
      },
      await provider(),
    );
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.problems).toEqual([
      { index: 1, field: 'idNumber', reason: expect.stringMatching(/check digit/) },
      { index: 2, field: 'phone', reason: 'is not a mobile (11 digits) or landline (0xxx-xxxxxxx) number' },
      { index: 2, field: 'householdDivisionCode', reason: '430400 is the city; a county-level unit is required' },
    ]);
    expect((await row(X.idNumber)).name).toBe(before.name);
  });

  test('an unknown record: NOT_FOUND, and the valid update before it is rolled back', async () => {
    const before = await row(X.idNumber);
    const r = await gql(UPDATE, { input: [{ idNumber: X.idNumber, name: '回滚' }, { idNumber: syntheticIdNumber(scale() + 7) }] }, await provider());
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', index: 1 });
    expect((await row(X.idNumber)).name).toBe(before.name);
  });
});
