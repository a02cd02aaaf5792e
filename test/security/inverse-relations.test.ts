/**
 * Class guarded: RELATIONS THAT REBUILD WHAT IS REFUSED (issue 8 §5, "relations keep their class
 * both ways"). Household.members was conditional, Person.household { id } was not: four pages of
 * persons(first: 500) { id household { id } } rebuilt every household. Each relation now declares
 * its inverse, composition fails when one is served more openly than its inverse (naming both),
 * and Person.household is as strict as Household.members.
 */
import { parse } from 'graphql';
import { asAgency, gql } from '../support/client';
import { relationInverseProblems } from '../../platform/policy/inverses';
import { syntheticParcels, cellMiddle } from '../../seed/synthetic/geospatial';

const MINIMUM_LIVING = '最低生活保障审核';
const PAGE = `query($after: String) { persons(first: 500, after: $after) { edges { node { id household { id } } } pageInfo { hasNextPage endCursor } } }`;

async function allPages(headers: Record<string, string>) {
  const households = new Set<string>();
  const codes = new Set<string>();
  let after: string | null = null;
  for (let page = 0; page < 4; page++) {
    const r: any = await gql(PAGE, { after }, headers);
    for (const e of r.data.persons.edges) if (e.node.household) households.add(e.node.household.id);
    for (const e of r.errors ?? []) codes.add(`${e.extensions?.code} ${e.extensions?.item}`);
    if (!r.data.persons.pageInfo.hasNextPage) break;
    after = r.data.persons.pageInfo.endCursor;
  }
  return { households, codes };
}

describe('relations keep their class both ways', () => {
  test('the reproduction: pages of persons { household { id } } rebuild no household without a grant for it', async () => {
    const { households, codes } = await allPages(await asAgency('natural-resources'));
    expect(households.size).toBe(0);
    expect([...codes]).toEqual(['FORBIDDEN Person.household']);
  });

  test('an agency granted both directions (civil-affairs, 最低生活保障审核) still walks person → household → members', async () => {
    const r = await gql(
      `{ persons(first: 3) { edges { node { id household { id head { id } members { id } } } } } }`,
      {},
      await asAgency('civil-affairs', MINIMUM_LIVING),
    );
    expect(r.errors).toBeUndefined();
    const h = r.data.persons.edges[0].node.household;
    expect(h.members.map((m: any) => m.id)).toContain(r.data.persons.edges[0].node.id);
  });

  test('variant: a parcel and its natural-person holder are refused both ways (LandParcel.holderPerson ↔ Person.parcels)', async () => {
    const p = [...syntheticParcels(Number(process.env.TEST_SEED_SCALE))].find((x) => x.holderKind === 'PERSON')!;
    const [lon, lat] = cellMiddle(p.cell);
    const headers = await asAgency('civil-affairs', MINIMUM_LIVING);
    const forward = await gql(`query($lon: Float!, $lat: Float!) { parcelAt(lon: $lon, lat: $lat) { code holderPerson { id } } }`, { lon, lat }, headers);
    expect(forward.data.parcelAt.holderPerson).toBeNull();
    expect(forward.errors?.[0].extensions?.item).toBe('LandParcel.holderPerson');
    const back = await gql(`{ persons(first: 50) { edges { node { parcels { code } } } } }`, {}, headers);
    expect(back.data.persons.edges.every((e: any) => e.node.parcels === null)).toBe(true);
    expect(back.errors?.[0].extensions?.item).toBe('Person.parcels');
  });
});

describe('composition refuses a relation served more openly than its inverse', () => {
  const sdl = (personHousehold: string, members: string, extra = '') => [
    {
      name: 'a',
      typeDefs: parse(`
      type Person @key(fields: "id") { id: ID! household: Household @sharing(type: "${personHousehold}", open: "CLOSED", inverse: "Household.members") ${extra} }
      type Household @key(fields: "id") { id: ID! }`),
    },
    {
      name: 'b',
      typeDefs: parse(`
      type Household @key(fields: "id") { id: ID! members: [Person] @sharing(type: "${members}", open: "CLOSED", inverse: "Person.household") }
      type Person @key(fields: "id") { id: ID! }`),
    },
  ];

  test('Person.household unconditional against conditional Household.members fails, naming both, across subgraphs', () => {
    const problems = relationInverseProblems(sdl('UNCONDITIONAL', 'CONDITIONAL'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/Person\.household .*more openly than its inverse Household\.members/);
  });

  test('equal classes pass; a looser open class fails too', () => {
    expect(relationInverseProblems(sdl('CONDITIONAL', 'CONDITIONAL'))).toEqual([]);
    const open = [
      {
        name: 'a',
        typeDefs: parse(`
        type A @key(fields: "id") { id: ID! b: B @sharing(type: "UNCONDITIONAL", open: "OPEN", inverse: "B.a") }
        type B @key(fields: "id") { id: ID! a: A @sharing(type: "UNCONDITIONAL", open: "CLOSED", inverse: "A.b") }`),
      },
    ];
    expect(relationInverseProblems(open)).toEqual([expect.stringMatching(/A\.b .*B\.a.*open class OPEN is looser than CLOSED/)]);
  });

  test('a relation to a union of entities declares one inverse per member, each checked', () => {
    const docs = [
      {
        name: 'a',
        typeDefs: parse(`
        union Holder = P | L
        type Lic @key(fields: "id") { id: ID! holder: Holder @sharing(type: "UNCONDITIONAL", open: "CLOSED", inverse: "P.lics, L.lics") }
        type P @key(fields: "id") { id: ID! lics: [Lic] @sharing(type: "CONDITIONAL", open: "CLOSED", inverse: "Lic.holder") }
        type L @key(fields: "id") { id: ID! lics: [Lic] @sharing(type: "UNCONDITIONAL", open: "CLOSED", inverse: "Lic.holder") }`),
      },
    ];
    expect(relationInverseProblems(docs)).toEqual([expect.stringMatching(/^Lic\.holder .*more openly than its inverse P\.lics/)]);
    const undeclared = [
      {
        name: 'a',
        typeDefs: parse(`union Holder = P
      type Lic @key(fields: "id") { id: ID! holder: Holder @sharing(type: "UNCONDITIONAL", open: "CLOSED") }
      type P @key(fields: "id") { id: ID! }`),
      },
    ];
    expect(relationInverseProblems(undeclared)).toEqual([expect.stringMatching(/Lic\.holder .*without a declared inverse/)]);
  });

  test("variant: a list of an interface whose kinds are entities (a holder's licences) is a relation, checked against each kind", () => {
    const docs = (lics: string, holder = 'UNCONDITIONAL') => [
      {
        name: 'a',
        typeDefs: parse(`
        union Holder = P
        interface Lic { id: ID! }
        type IdCard implements Lic @key(fields: "id") { id: ID! holder: Holder @sharing(type: "${holder}", open: "CLOSED", inverse: "P.lics") }
        type P @key(fields: "id") { id: ID! lics: [Lic] @sharing(type: "CONDITIONAL", open: "CLOSED"${lics}) }`),
      },
    ];
    const problems = relationInverseProblems(docs(''));
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/P\.lics .*without a declared inverse/),
        expect.stringMatching(/IdCard\.holder .*more openly than its inverse P\.lics/),
      ]),
    );
    expect(relationInverseProblems(docs(', inverse: "IdCard.holder"', 'CONDITIONAL'))).toEqual([]);
  });

  test('a relation without a declared inverse fails; "none: <reason>" is accepted; a wrong inverse is named', () => {
    const docs = [
      {
        name: 'a',
        typeDefs: parse(`
        type A @key(fields: "id") { id: ID! b: B @sharing(type: "UNCONDITIONAL", open: "CLOSED")
          c: B @sharing(type: "UNCONDITIONAL", open: "CLOSED", inverse: "none: a search hit")
          d: B @sharing(type: "UNCONDITIONAL", open: "CLOSED", inverse: "B.missing") }
        type B @key(fields: "id") { id: ID! }`),
      },
    ];
    const problems = relationInverseProblems(docs);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/A\.b .*without a declared inverse/);
    expect(problems[1]).toMatch(/A\.d declares inverse B\.missing/);
  });
});
