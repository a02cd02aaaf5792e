/** 人口基础库 through the router: lookups, validation, connections, households. */
import { asAgency, gql as rawGql } from '../support/client';
import { syntheticPerson } from '../../seed/synthetic/people';

const person0 = syntheticPerson(0);

/** These tests read as the providing agency, which sees all of its own items in full; the
 *  policy matrix is tested in policy.test.ts. */
const gql = async (query: string, variables: Record<string, unknown> = {}) => rawGql(query, variables, await asAgency('public-security'));

describe('population subgraph through the router', () => {
  test('personByIdNumber finds a seeded person and the key is pseudonymous', async () => {
    const r = await gql(`query($n: String!) { personByIdNumber(idNumber: $n) { id idNumber name gender birthDate status householdDivisionCode } }`, { n: person0.idNumber });
    expect(r.errors).toBeUndefined();
    const p = r.data.personByIdNumber;
    expect(p).toMatchObject({ idNumber: person0.idNumber, name: person0.name, gender: person0.gender, birthDate: person0.birthDate });
    expect(p.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(p.id).not.toContain(person0.idNumber.slice(0, 6));
    const again = await gql(`query($id: ID!) { person(id: $id) { idNumber } }`, { id: p.id });
    expect(again.data.person.idNumber).toBe(person0.idNumber);
  });

  test.each([
    ['wrong check digit', person0.idNumber.slice(0, 17) + (person0.idNumber[17] === '0' ? '1' : '0'), /check/i],
    ['too short', '43040419900101', /18/],
    ['impossible birth date', '430404199002300013', /date/i],
    ['letters', '4304041990010100AB', /.+/],
  ])('a malformed ID number (%s) is BAD_USER_INPUT, not an empty answer', async (_label, value, message) => {
    const r = await gql(`query($n: String!) { personByIdNumber(idNumber: $n) { id } }`, { n: value });
    expect(r.status).toBeLessThan(500);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].message).toMatch(message);
    expect(r.data?.personByIdNumber ?? null).toBeNull();
  });

  test('a well-formed but unknown ID number answers null without error', async () => {
    const r = await gql(`{ personByIdNumber(idNumber: "11010519491231002X") { id } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.personByIdNumber).toBeNull();
  });

  test('persons pages with cursors, without overlap, and counts the total', async () => {
    const q = `query($after: String) { persons(first: 7, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
    const first = await gql(q);
    expect(first.errors).toBeUndefined();
    const page1 = first.data.persons;
    expect(page1.totalCount).toBe(Number(process.env.TEST_SEED_SCALE));
    expect(page1.edges).toHaveLength(7);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await gql(q, { after: page1.pageInfo.endCursor });
    const ids1 = page1.edges.map((e: any) => e.node.id);
    const ids2 = second.data.persons.edges.map((e: any) => e.node.id);
    expect(ids2).toHaveLength(7);
    expect(ids1.filter((id: string) => ids2.includes(id))).toEqual([]);
    expect([...ids1, ...ids2]).toEqual([...ids1, ...ids2].sort());
  });

  test('persons filters by division and birth-date range', async () => {
    const r = await gql(`{ persons(first: 50, divisionCode: "430408", bornFrom: "1980-01-01", bornTo: "1989-12-31") { totalCount edges { node { householdDivisionCode birthDate } } } }`);
    expect(r.errors).toBeUndefined();
    const nodes = r.data.persons.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      expect(n.householdDivisionCode).toBe('430408');
      expect(n.birthDate >= '1980-01-01' && n.birthDate <= '1989-12-31').toBe(true);
    }
  });

  test.each([
    ['first: 0', '{ persons(first: 0) { totalCount } }', 'first'],
    ['first: 501', '{ persons(first: 501) { totalCount } }', 'first'],
    ['forged cursor', '{ persons(first: 5, after: "bm9wZQ") { totalCount } }', 'after'],
    ['bad division', '{ persons(divisionCode: "4304") { totalCount } }', 'divisionCode'],
    ['bad date', '{ persons(bornFrom: "1990-02-30") { totalCount } }', 'bornFrom'],
  ])('bad list arguments (%s) are BAD_USER_INPUT naming the argument', async (_label, query, argument) => {
    const r = await gql(query);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].extensions?.argument).toBe(argument);
  });

  test('a household lists its members and its head is one of them', async () => {
    const r = await gql(`query($n: String!) { personByIdNumber(idNumber: $n) { household { householdNumber head { id } members { id name } } } }`, { n: person0.idNumber });
    expect(r.errors).toBeUndefined();
    const h = r.data.personByIdNumber.household;
    expect(h.members.length).toBeGreaterThanOrEqual(1);
    expect(h.members.map((m: any) => m.id)).toContain(h.head.id);
  });
});
