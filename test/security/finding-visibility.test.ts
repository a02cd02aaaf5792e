/**
 * Consistency findings (一数一源, Art. 9) must not become a side door to the values they compare:
 *  - scope: the bureau sees every finding, a provider those involving an item it provides, any
 *    other agency none — not even a count, whatever the filter (no yes/no oracle on a rule);
 *  - values: each is shown as the reader's own policy decision would serve the item — the provider
 *    in full, a reader without a grant refused (null), a reader with a grant under its mask, and
 *    only for the purpose it states; each such read is in the audit trail against the subject;
 *  - callers: a data subject or an anonymous caller is refused.
 */
import { gql, asAgency, asSubject } from '../support/client';
import { withDb } from '../support/db';
import { pgSql } from '../../platform/db/sql';
import { issueGrant, revokeGrant } from '../../platform/governance';
import { applyMask } from '../../platform/masking';
import { APPROVER, BUREAU, SECURITY_ADMIN, as, ok, refused } from '../integration/catalog-support';

const LIST = `query F($rule: String) { consistencyFindings(first: 100, rule: $rule) {
  totalCount edges { node { rule subjectKey sourceA { item value disclosure } sourceB { item value disclosure } } } } }`;
const nodes = (r: any): any[] => ok(r).consistencyFindings.edges.map((e: any) => e.node);
const RULES = ['LICENCE_HOLDER_NAME', 'LICENCE_HOLDER_ID', 'DECEASED_ACTIVE_LICENCE', 'REGISTERED_ADDRESS', 'REGISTERED_DIVISION', null];
const PURPOSE = 'finding-visibility test';

beforeAll(async () => {
  ok(await gql(`mutation { runConsistencyCheck { open } }`, {}, await as(BUREAU, undefined, APPROVER)));
});

test('an agency that provides none of the items sees no finding and no count, whatever the rule', async () => {
  for (const agency of ['taxation', 'human-resources', 'development-reform', 'health']) {
    for (const rule of RULES) {
      const r = ok(await gql(LIST, { rule }, await as(agency)));
      expect([agency, rule, r.consistencyFindings.totalCount, r.consistencyFindings.edges]).toEqual([agency, rule, 0, []]);
    }
  }
});

test('the provider sees its findings in full; the bureau sees them all, each value only as its own policy serves it', async () => {
  const provider = nodes(await gql(LIST, {}, await as('public-security')));
  const addresses = nodes(await gql(LIST, {}, await as('natural-resources')));
  const bureau = nodes(await gql(LIST, {}, await as(BUREAU)));
  expect(provider.length).toBeGreaterThan(0);
  expect(addresses.length).toBeGreaterThan(0);
  expect(bureau.map((n) => n.subjectKey).sort()).toEqual([...provider, ...addresses].map((n) => n.subjectKey).sort());
  for (const n of bureau.filter((x) => x.rule === 'REGISTERED_ADDRESS')) {
    // The registration is open data; the address register's text is conditional (natural-resources').
    expect([n.sourceA.disclosure, n.sourceB.disclosure]).toEqual(['REFUSED', 'FULL']);
  }
  for (const n of bureau.filter((x) => x.rule !== 'REGISTERED_ADDRESS')) {
    const full = provider.find((p) => p.subjectKey === n.subjectKey && p.rule === n.rule)!;
    expect([full.sourceA.disclosure, full.sourceB.disclosure]).toEqual(['FULL', 'FULL']);
    if (n.rule === 'DECEASED_ACTIVE_LICENCE') {
      // Person.status and a licence's status are unconditional: served as any agency reads them.
      expect([n.sourceA.value, n.sourceB.value]).toEqual(['DECEASED', 'VALID']);
    } else {
      // Names and ID numbers are conditional: the bureau holds no grant for them.
      expect([n.sourceA, n.sourceB]).toEqual([
        { item: n.sourceA.item, value: null, disclosure: 'REFUSED' },
        { item: n.sourceB.item, value: null, disclosure: 'REFUSED' },
      ]);
    }
  }
});

test('with a grant, the reader sees the values under its mask, and only for the granted purpose; the read is audited', async () => {
  const items = ['Person.name', 'DrivingLicense.holderName'];
  const id = await withDb('catalog', (c) => issueGrant(pgSql(c), { agency: BUREAU, items, purposes: [PURPOSE], validTo: null }));
  try {
    const read = async (purpose?: string) => nodes(await gql(LIST, { rule: 'LICENCE_HOLDER_NAME' }, await asAgency(BUREAU, purpose, { roles: ['operator'] })));
    // The grant reaches the catalog by NOTIFY: poll, with a generous ceiling.
    let masked: any[] = [];
    for (const until = Date.now() + 20_000; Date.now() < until;) {
      masked = await read(PURPOSE);
      if (masked.every((n) => n.sourceA.disclosure !== 'REFUSED')) break;
    }
    const full = nodes(await gql(LIST, { rule: 'LICENCE_HOLDER_NAME' }, await as('public-security')));
    expect(masked.length).toBe(full.length);
    for (const n of masked) {
      const f = full.find((x) => x.subjectKey === n.subjectKey)!;
      expect(n.sourceA).toEqual({ item: 'Person.name', value: applyMask(f.sourceA.value, 'SURNAME', { hashKey: 'x' }), disclosure: 'SURNAME' });
      expect(n.sourceB.disclosure).toBe('SURNAME');
      expect(n.sourceA.value).not.toBe(f.sourceA.value);
    }
    // Another purpose (or none): refused, as a query of the population register would be.
    for (const n of await read('another purpose')) expect(n.sourceA.disclosure).toBe('REFUSED');
    for (const n of await read(undefined)) expect(n.sourceA.disclosure).toBe('REFUSED');

    const audit = ok(
      await gql(
        `query A($s: String) { auditEvents(first: 20, filter: { agency: "data-bureau", subjectKey: $s, subgraph: "catalog" }) { edges { node { itemsMasked itemsRefused } } } }`,
        { s: masked[0].subjectKey },
        await as(BUREAU, undefined, SECURITY_ADMIN),
      ),
    );
    const events = audit.auditEvents.edges.map((e: any) => e.node);
    expect(events.flatMap((e: any) => e.itemsMasked)).toContain('Person.name');
    expect(events.flatMap((e: any) => e.itemsRefused)).toContain('Person.name');
  } finally {
    await withDb('catalog', (c) => revokeGrant(pgSql(c), id, 'test over', 'finding-visibility.test.ts'));
  }
});

test('a data subject and an anonymous caller are refused', async () => {
  const subject = refused(await gql(LIST, {}, await asSubject('430407196409303407')), 'FORBIDDEN');
  expect(subject.message).toMatch(/data subject|agency/);
  const anonymous = await gql(LIST, {});
  expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
  expect(anonymous.data?.consistencyFindings ?? null).toBeNull();
});
