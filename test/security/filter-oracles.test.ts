/**
 * Class guarded: FILTERS AS ORACLES (issue 8 §4, "arguments are items").
 * A filter answers questions about the value it filters by, and a hand-made cursor steers the
 * scan: `natural-resources`, with no right to Person.birthDate, binary-searched one person's birth
 * date through persons(divisionCode:, bornFrom:, bornTo:, first:, after:). Afterwards a filter
 * needs the right to read its item, unmasked, and is refused FORBIDDEN naming the argument before
 * any SQL runs; cursors are sealed to their field, filters and caller.
 */
import { asAgency, asSubject, countSql, gql } from '../support/client';
import { syntheticPerson } from '../../seed/synthetic/people';
import { personKey } from '../../platform/keys';

const SOCIAL_INSURANCE = '社会保险待遇资格认证';
const target = syntheticPerson(7);
const PAGE = `query($d: String, $from: String, $to: String, $first: Int, $after: String) {
  persons(divisionCode: $d, bornFrom: $from, bornTo: $to, first: $first, after: $after) { totalCount edges { node { id } } pageInfo { endCursor } } }`;

/** A cursor as the platform made them before: base64url of "k:<key>". */
const handMade = (key: string) => Buffer.from(`k:${key}`, 'utf8').toString('base64url');

function expectRefusedArgument(r: any, argument: string, item: string) {
  const e = r.errors?.find((x: any) => x.extensions?.argument === argument);
  expect(e?.extensions).toMatchObject({ code: 'FORBIDDEN', argument, item });
  expect(r.data?.persons ?? r.data?.parcelAt ?? null).toBeNull();
}

describe('filters need the right to read what they filter by', () => {
  test('the reproduction: persons(bornFrom:, bornTo:) as natural-resources is FORBIDDEN naming the argument, before any SQL', async () => {
    const headers = await asAgency('natural-resources');
    const { result, statements } = await countSql(() =>
      gql(PAGE, { d: target.householdDivisionCode, from: target.birthDate, to: target.birthDate, first: 1 }, headers),
    );
    expectRefusedArgument(result, 'bornFrom', 'Person.birthDate');
    expect(statements).toBe(0);
    // Half of a range is the same question.
    const half = await gql(PAGE, { to: target.birthDate, first: 1 }, headers);
    expectRefusedArgument(half, 'bornTo', 'Person.birthDate');
  });

  test('the unfiltered list and an unconditional filter still answer', async () => {
    const r = await gql(PAGE, { d: target.householdDivisionCode, first: 2 }, await asAgency('natural-resources'));
    expect(r.errors).toBeUndefined();
    expect(r.data.persons.edges).toHaveLength(2);
  });

  test('variant: a masked right does not allow filtering (human-resources reads birthDate as a year only)', async () => {
    const r = await gql(PAGE, { from: target.birthDate, to: target.birthDate, first: 1 }, await asAgency('human-resources', SOCIAL_INSURANCE));
    expectRefusedArgument(r, 'bornFrom', 'Person.birthDate');
    expect(r.errors![0].message).toMatch(/masked/);
  });

  test('the provider filters by its own items', async () => {
    const r = await gql(PAGE, { d: target.householdDivisionCode, from: target.birthDate, to: target.birthDate, first: 50 }, await asAgency('public-security'));
    expect(r.errors).toBeUndefined();
    expect(r.data.persons.edges.map((e: any) => e.node.id)).toContain(personKey(target.idNumber));
  });

  test('variant in another subgraph: a point-in-polygon filter (geospatial parcelAt) as a data subject is refused naming lon, before SQL', async () => {
    const headers = await asSubject(personKey(target.idNumber));
    const { result, statements } = await countSql(() => gql(`{ parcelAt(lon: 112.6, lat: 26.9) { code } }`, {}, headers));
    expectRefusedArgument(result, 'lon', 'LandParcel.boundary');
    expect(statements).toBe(0);
  });
});

describe('cursors are sealed to their field, filters and caller', () => {
  const bad = (r: any) => {
    expect(r.status).toBeLessThan(500);
    const e = r.errors?.find((x: any) => x.extensions?.code === 'BAD_USER_INPUT');
    expect(e?.extensions?.argument).toBe('after');
  };

  test('a hand-made cursor (the old format, any key) is BAD_USER_INPUT', async () => {
    const r = await gql(PAGE, { first: 1, after: handMade(personKey(target.idNumber)) }, await asAgency('natural-resources'));
    bad(r);
  });

  test('an issued cursor pages on; edited, it is BAD_USER_INPUT', async () => {
    const headers = await asAgency('natural-resources');
    const p1 = await gql(PAGE, { first: 2 }, headers);
    const cursor: string = p1.data.persons.pageInfo.endCursor;
    const p2 = await gql(PAGE, { first: 2, after: cursor }, headers);
    expect(p2.errors).toBeUndefined();
    expect(p2.data.persons.edges[0].node.id > p1.data.persons.edges[1].node.id).toBe(true);
    // Swap the key inside for another one, keep the seal.
    const [, seal] = cursor.split('.');
    bad(await gql(PAGE, { first: 2, after: `${handMade(personKey(syntheticPerson(1).idNumber))}.${seal}` }, headers));
    // Flip one character of the seal.
    bad(await gql(PAGE, { first: 2, after: cursor.slice(0, -1) + (cursor.endsWith('A') ? 'B' : 'A') }, headers));
  });

  test('replayed by another agency, with other filters, or on another field: BAD_USER_INPUT', async () => {
    const mine = await asAgency('natural-resources');
    const p1 = await gql(PAGE, { d: target.householdDivisionCode, first: 1 }, mine);
    const cursor: string = p1.data.persons.pageInfo.endCursor;
    expect((await gql(PAGE, { d: target.householdDivisionCode, first: 1, after: cursor }, mine)).errors).toBeUndefined();
    bad(await gql(PAGE, { d: target.householdDivisionCode, first: 1, after: cursor }, await asAgency('taxation')));
    bad(await gql(PAGE, { d: target.householdDivisionCode === '430408' ? '430405' : '430408', first: 1, after: cursor }, mine));
    bad(await gql(`query($a: String) { legalPersons(first: 1, after: $a) { totalCount } }`, { a: cursor }, mine));
  });

  test('variant in another subgraph: a credit cursor replayed with another category is BAD_USER_INPUT', async () => {
    const q = `query($c: String, $a: String) { creditRecords(category: $c, first: 1, after: $a) { pageInfo { endCursor } } }`;
    const p1 = await gql(q, { c: 'BLACK_LIST' });
    const cursor = p1.data.creditRecords.pageInfo.endCursor;
    expect((await gql(q, { c: 'BLACK_LIST', a: cursor })).errors).toBeUndefined();
    bad(await gql(q, { c: 'RED_LIST', a: cursor }));
    bad(await gql(q, { c: 'BLACK_LIST', a: cursor }, await asAgency('taxation')));
  });
});
