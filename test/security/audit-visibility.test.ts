/**
 * Class 12 of issue 8: "The audit view is an oracle", and class 16's second half: reads of a
 * group record are shown in every member's access history. An agency's own audit view names only
 * the subjects it was served (their key itself in the response); the keys recorded for a refused
 * link or for open-only fields are kept for the bureau and the provider alone, and cannot be
 * searched for by the requesting agency either.
 */
import { asAgency, asSubject, gql } from '../support/client';
import { withDb } from '../support/db';

const BUREAU = 'data-bureau';
const CREDIT_PROVIDER = 'development-reform';

async function trace(agency: string, requestId: string): Promise<any[]> {
  const r = await gql(
    `query($r: String!) { auditTrace(requestId: $r) { resource subgraph agencyCode subjectKeys itemsServed itemsRefused } }`,
    { r: requestId },
    await asAgency(agency, undefined, { roles: ['security-admin'] }),
  );
  expect(r.errors).toBeUndefined();
  return r.data.auditTrace;
}

/** The person keys the credit subgraph's events of a request recorded (the database's view). */
async function recordedKeys(requestId: string): Promise<string[]> {
  return withDb('catalog', async (c) =>
    (
      await c.query(
        `SELECT DISTINCT s.subject_key FROM audit_event e JOIN audit_event_subject s ON s.event_seq = e.seq WHERE e.request_id = $1 AND e.subgraph = 'credit'`,
        [requestId],
      )
    ).rows.map((r) => r.subject_key),
  );
}

async function searchBySubject(agency: string, subjectKey: string, requestId: string): Promise<number> {
  const r = await gql(
    `query($f: AuditEventFilter) { auditEvents(filter: $f) { totalCount } }`,
    { f: { subjectKey, requestId } },
    await asAgency(agency, undefined, { roles: ['security-admin'] }),
  );
  expect(r.errors).toBeUndefined();
  return r.data.auditEvents.totalCount;
}

describe('the requesting agency sees only the subject keys it was served', () => {
  test('natural-resources, no credit grant: the refused CreditRecord.person does not come back through auditTrace (the issue’s reproduction)', async () => {
    const r = await gql(
      `{ creditRecords(subjectKind: PERSON, category: "BLACK_LIST", first: 10) { edges { node { decisionNumber person { id } } } } }`,
      {},
      await asAgency('natural-resources'),
    );
    expect(r.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    const requestId = r.headers.get('x-request-id')!;
    const keys = await recordedKeys(requestId);
    expect(keys.length).toBeGreaterThan(0); // recorded…
    const own = await trace('natural-resources', requestId);
    expect(own.length).toBeGreaterThan(0);
    expect(own.flatMap((e) => e.subjectKeys)).toEqual([]); // …but not shown to the requester
    for (const key of keys) expect(JSON.stringify(own)).not.toContain(key);
    // …nor can it be confirmed by searching for a candidate key.
    expect(await searchBySubject('natural-resources', keys[0], requestId)).toBe(0);
    // The bureau and the credit data's provider see every key recorded.
    expect(new Set((await trace(BUREAU, requestId)).flatMap((e) => e.subjectKeys))).toEqual(new Set(keys));
    expect(new Set((await trace(CREDIT_PROVIDER, requestId)).flatMap((e) => e.subjectKeys))).toEqual(new Set(keys));
    expect(await searchBySubject(BUREAU, keys[0], requestId)).toBeGreaterThan(0);
  });

  test('variant: reading only open fields of the record names no subject to the reader', async () => {
    const r = await gql(`{ creditRecords(subjectKind: PERSON, first: 5) { edges { node { decisionNumber } } } }`, {}, await asAgency('natural-resources'));
    expect(r.errors).toBeUndefined();
    const requestId = r.headers.get('x-request-id')!;
    expect((await recordedKeys(requestId)).length).toBeGreaterThan(0);
    expect((await trace('natural-resources', requestId)).flatMap((e) => e.subjectKeys)).toEqual([]);
    expect((await trace(BUREAU, requestId)).flatMap((e) => e.subjectKeys).length).toBeGreaterThan(0);
  });

  test('variant: a person read without its key (open fields only) is not named; served keys are', async () => {
    const without = await gql(`{ persons(first: 3) { edges { node { gender } } } }`, {}, await asAgency('natural-resources'));
    expect(without.errors).toBeUndefined();
    expect((await trace('natural-resources', without.headers.get('x-request-id')!)).flatMap((e) => e.subjectKeys)).toEqual([]);
    const withIds = await gql(`{ persons(first: 3) { edges { node { id gender } } } }`, {}, await asAgency('natural-resources'));
    const ids = withIds.data.persons.edges.map((e: any) => e.node.id);
    const shown = (await trace('natural-resources', withIds.headers.get('x-request-id')!)).flatMap((e) => e.subjectKeys);
    expect(new Set(shown)).toEqual(new Set(ids));
  });
});

describe('reads of a household are in every member’s access history', () => {
  test('civil-affairs reads a household’s address: each member sees it', async () => {
    const { householdId, members } = await withDb('population', async (c) => {
      const h = (await c.query(`SELECT household_id FROM person GROUP BY household_id HAVING count(*) >= 2 ORDER BY household_id LIMIT 1`)).rows[0]
        .household_id;
      const m = (await c.query(`SELECT id FROM person WHERE household_id = $1`, [h])).rows.map((x) => x.id);
      return { householdId: h as string, members: m as string[] };
    });
    const r = await gql(`query($id: ID!) { household(id: $id) { address } }`, { id: householdId }, await asAgency('civil-affairs', '最低生活保障审核'));
    expect(r.errors).toBeUndefined();
    const requestId = r.headers.get('x-request-id')!;
    for (const member of members) {
      const h = await gql(`{ myAccessHistory(first: 10) { edges { node { reference resource agencyCode } } } }`, {}, await asSubject(member));
      expect(h.errors).toBeUndefined();
      expect(h.data.myAccessHistory.edges.map((e: any) => e.node)).toContainEqual({ reference: requestId, resource: 'Household', agencyCode: 'civil-affairs' });
    }
    // The members' keys were recorded, not served: civil-affairs' own view names only the household it asked for.
    expect((await trace('civil-affairs', requestId)).flatMap((e) => e.subjectKeys)).toEqual([]);
    expect(new Set((await trace(BUREAU, requestId)).flatMap((e) => e.subjectKeys))).toEqual(new Set([householdId, ...members]));
  });
});
