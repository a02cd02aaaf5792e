/**
 * One source, compared (一数一源, Art. 9; issue 11, item 4): the consistency job, run by the bureau,
 * finds exactly the inconsistencies the seed planted (seed/quality/plants.ts — which the job never
 * reads), reads the base databases through the router as `quality-check` (its reads are in the
 * audit trail under that name, with the subjects it read), and is idempotent: a re-run opens
 * nothing new, a corrected record's finding is closed, and found again when the error comes back.
 */
import { gql } from '../support/client';
import { withDb } from '../support/db';
import { legalPersonKey, personKey } from '../../platform/keys';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticPerson } from '../../seed/synthetic/people';
import { legalPersonCount } from '../../seed/synthetic/city';
import { PLANTED_PER_RULE, addressPlants, qualityPlants } from '../../seed/quality/plants';
import { APPROVER, BUREAU, SECURITY_ADMIN, as, ok, refused } from './catalog-support';

const scale = () => Number(process.env.TEST_SEED_SCALE);
const FINDING = `id rule status subjectKind subjectKey recordKey provider firstSeen lastSeen closedAt
  sourceA { source item provider value disclosure } sourceB { source item provider value disclosure }`;

async function run() {
  return gql(`mutation { runConsistencyCheck { startedAt subjectsRead open opened closed byRule { rule open } } }`, {}, await as(BUREAU, undefined, APPROVER));
}

async function findings(agency: string, args: { rule?: string; status?: string } = {}) {
  const r = ok(
    await gql(
      `query F($rule: String, $status: FindingStatus) { consistencyFindings(first: 500, rule: $rule, status: $status) { totalCount edges { node { ${FINDING} } } } }`,
      args,
      await as(agency),
    ),
  );
  return { total: r.consistencyFindings.totalCount as number, nodes: r.consistencyFindings.edges.map((e: any) => e.node) as any[] };
}

const plantCount = () => qualityPlants(scale()).length + addressPlants(scale()).length;

/** What the plants should make the job find: rule, subject, the second source's item and value. */
function expected(): string[] {
  const addresses = addressPlants(scale()).map(
    (p) => `${p.rule}|${legalPersonKey(syntheticLegalPerson(p.legalPersonIndex, scale()).uscc)}|LegalPerson.registeredAddress|${p.registeredAddress}`,
  );
  return qualityPlants(scale())
    .map((p) => {
      const person = syntheticPerson(p.personIndex);
      const kind = p.licenceType === 'ID_CARD' ? 'IdCard' : 'DrivingLicense';
      const [item, value] =
        p.rule === 'LICENCE_HOLDER_NAME'
          ? [`${kind}.holderName`, p.planted.holderName]
          : p.rule === 'LICENCE_HOLDER_ID'
            ? [`${kind}.number`, p.planted.number]
            : [`${kind}.status`, 'VALID'];
      return `${p.rule}|${personKey(person.idNumber)}|${item}|${value}`;
    })
    .concat(addresses)
    .sort();
}
/** The bureau reads the open registered address in full, not a licence's name: take those values from the provider. */
let providerValues = new Map<string, string>();
const fullB = (n: any) => ({ ...n, sourceB: { ...n.sourceB, value: n.sourceB.value ?? providerValues.get(n.id) } });
const found = (nodes: any[]) => nodes.map((n) => `${n.rule}|${n.subjectKey}|${n.sourceB.item}|${n.sourceB.value}`).sort();

beforeAll(async () => {
  ok(await run());
  const ps = (await findings('public-security', { status: 'OPEN' })).nodes;
  providerValues = new Map(ps.map((n) => [n.id, n.sourceB.value]));
  expect(ps.length).toBeGreaterThan(0);
});

describe('the consistency job finds exactly the planted inconsistencies', () => {
  test('per rule, the planted number', async () => {
    const r = ok(await run()).runConsistencyCheck;
    expect(r.subjectsRead).toBe(scale() + legalPersonCount(scale()));
    const planted = Object.entries(PLANTED_PER_RULE).map(([rule, n]) => ({ rule, open: n }));
    expect(r.byRule).toEqual(expect.arrayContaining(planted));
    expect(r.open).toBe(Object.values(PLANTED_PER_RULE).reduce<number>((a, b) => a + b, 0));
    expect(plantCount()).toBe(r.open);
  });

  test('the findings are the planted ones: subject, item and the wrong value', async () => {
    expect(found((await findings(BUREAU, { status: 'OPEN' })).nodes.map(fullB))).toEqual(expected());
  });

  test('a licence finding has both values, in full for their provider', async () => {
    const { nodes } = await findings('public-security', { status: 'OPEN' });
    expect(nodes).toHaveLength(qualityPlants(scale()).length);
    for (const n of nodes) {
      expect(n.provider).toBe('public-security');
      expect(n.sourceA.source).toBe('population');
      expect(n.sourceB.source).toBe('e-license');
      expect([n.sourceA.disclosure, n.sourceB.disclosure]).toEqual(['FULL', 'FULL']);
    }
    // Both values: the population register's and the licence's.
    const byPerson = new Map(qualityPlants(scale()).map((p) => [personKey(syntheticPerson(p.personIndex).idNumber), p]));
    for (const n of nodes) {
      const person = syntheticPerson(byPerson.get(n.subjectKey)!.personIndex);
      const a = n.rule === 'LICENCE_HOLDER_NAME' ? person.name : n.rule === 'LICENCE_HOLDER_ID' ? person.idNumber : 'DECEASED';
      expect(n.sourceA.value).toBe(a);
    }
  });

  test('an address finding: the register’s text and the registration’s, each provider seeing its own in full', async () => {
    const mine = (await findings('market-regulation', { rule: 'REGISTERED_ADDRESS', status: 'OPEN' })).nodes;
    const register = (await findings('natural-resources', { rule: 'REGISTERED_ADDRESS', status: 'OPEN' })).nodes;
    expect(mine).toHaveLength(PLANTED_PER_RULE.REGISTERED_ADDRESS);
    expect(register.map((n) => n.id).sort()).toEqual(mine.map((n) => n.id).sort());
    for (const n of mine) {
      const p = addressPlants(scale()).find((x) => legalPersonKey(syntheticLegalPerson(x.legalPersonIndex, scale()).uscc) === n.subjectKey)!;
      const lp = syntheticLegalPerson(p.legalPersonIndex, scale());
      const theirs = register.find((x) => x.id === n.id);
      expect(n).toMatchObject({ subjectKind: 'LEGAL_PERSON', provider: 'market-regulation' });
      // The registration is open; the register's text is natural-resources' (conditional, no grant here).
      expect(n.sourceB).toEqual({
        source: 'legal-person',
        item: 'LegalPerson.registeredAddress',
        provider: 'market-regulation',
        value: p.registeredAddress,
        disclosure: 'FULL',
      });
      expect(n.sourceA).toEqual({ source: 'geospatial', item: 'Address.text', provider: 'natural-resources', value: null, disclosure: 'REFUSED' });
      expect(theirs.sourceA).toEqual({ ...n.sourceA, value: lp.registeredAddress, disclosure: 'FULL' });
    }
    // Neither sees the licence findings.
    for (const list of [mine, (await findings('market-regulation')).nodes, (await findings('natural-resources')).nodes]) {
      expect(list.every((n) => n.subjectKind === 'LEGAL_PERSON')).toBe(true);
    }
  });

  test('a rule filter and a bad rule', async () => {
    const { nodes } = await findings(BUREAU, { rule: 'DECEASED_ACTIVE_LICENCE' });
    expect(nodes.map((n) => n.rule)).toEqual(Array(PLANTED_PER_RULE.DECEASED_ACTIVE_LICENCE).fill('DECEASED_ACTIVE_LICENCE'));
    const bad = refused(await gql(`{ consistencyFindings(rule: "NOPE") { totalCount } }`, {}, await as(BUREAU)), 'BAD_USER_INPUT');
    expect(bad.extensions?.argument).toBe('rule');
  });

  test('re-running is idempotent: nothing opened or closed, same ids, last seen moves', async () => {
    const before = await findings(BUREAU, { status: 'OPEN' });
    const r = ok(await run()).runConsistencyCheck;
    expect([r.opened, r.closed]).toEqual([0, 0]);
    const after = await findings(BUREAU, { status: 'OPEN' });
    expect(after.nodes.map((n) => n.id).sort()).toEqual(before.nodes.map((n) => n.id).sort());
    for (const n of after.nodes) expect(n.lastSeen >= before.nodes.find((b) => b.id === n.id).lastSeen).toBe(true);
  });

  test('a corrected record closes its finding; the error back opens a new one', async () => {
    const plant = qualityPlants(scale()).find((p) => p.rule === 'LICENCE_HOLDER_NAME')!;
    const person = syntheticPerson(plant.personIndex);
    const key = personKey(person.idNumber);
    // The provider corrects the licence (the e-license database, as its own ingestion would).
    const set = (name: string) =>
      withDb('e-license', (c) => c.query(`UPDATE license SET holder_name = $1 WHERE holder_id = $2 AND type_code = 'DRIVING_LICENSE'`, [name, key]));
    await set(person.name);
    try {
      const r = ok(await run()).runConsistencyCheck;
      expect([r.opened, r.closed]).toEqual([0, 1]);
      const closed = (await findings(BUREAU, { status: 'CLOSED', rule: 'LICENCE_HOLDER_NAME' })).nodes.filter((n) => n.subjectKey === key);
      expect(closed).toHaveLength(1);
      expect(closed[0].closedAt).not.toBeNull();
    } finally {
      await set(plant.planted.holderName!);
    }
    const again = ok(await run()).runConsistencyCheck;
    expect([again.opened, again.closed]).toEqual([1, 0]);
    const open = (await findings(BUREAU, { status: 'OPEN', rule: 'LICENCE_HOLDER_NAME' })).nodes.filter((n) => n.subjectKey === key);
    expect(open).toHaveLength(1);
  });
});

describe('the job reads as its own actor, through the policy path, audited', () => {
  test('its reads are in the audit trail as quality-check, with the purpose and the subjects read', async () => {
    const plant = qualityPlants(scale())[0];
    const subject = personKey(syntheticPerson(plant.personIndex).idNumber);
    const r = ok(
      await gql(
        `query A($s: String) { auditEvents(first: 50, filter: { agency: "quality-check", subjectKey: $s }) {
           edges { node { agencyCode operator purpose subgraph itemsServed itemsMasked itemsRefused subjectKeys } } } }`,
        { s: subject },
        await as(BUREAU, undefined, SECURITY_ADMIN),
      ),
    );
    const events = r.auditEvents.edges.map((e: any) => e.node);
    const subgraphs = new Set(events.map((e: any) => e.subgraph));
    expect(subgraphs).toEqual(new Set(['population', 'e-license']));
    for (const e of events) {
      expect(e.agencyCode).toBe('quality-check');
      expect(e.operator).toBe('quality-check-job');
      expect(e.purpose).toBe('一数一源核验');
      expect(e.itemsRefused).toEqual([]);
    }
    const served = events.flatMap((e: any) => e.itemsServed);
    expect(served).toEqual(expect.arrayContaining(['Person.name', 'Person.idNumber']));
  });

  test('running the job is the bureau approver’s: a provider or another post is refused', async () => {
    for (const [agency, roles] of [
      ['public-security', APPROVER],
      [BUREAU, ['operator']],
    ] as const) {
      const e = refused(await gql(`mutation { runConsistencyCheck { open } }`, {}, await as(agency, undefined, [...roles])), 'FORBIDDEN');
      expect(e.message).toMatch(/bureau|role/);
    }
  });
});
