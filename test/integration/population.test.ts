/** 人口基础库 through the router: lookups, validation, connections, households. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { asAgency, gql as rawGql, type GraphQLResponse, type TypedResponse } from '../support/client';
import { graphql } from '../generated';
import { syntheticPerson } from '../../seed/synthetic/people';

const person0 = syntheticPerson(0);

/** These tests read as the providing agency, which sees all of its own items in full; the
 *  policy matrix is tested in policy.test.ts. */
async function gql<T, V extends Record<string, unknown>>(query: TypedDocumentNode<T, V>, variables?: V): Promise<TypedResponse<T>>;
async function gql(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
async function gql(query: string | TypedDocumentNode, variables: Record<string, unknown> = {}) {
  return rawGql(query, variables, await asAgency('public-security'));
}

/** Queries typed from the supergraph (npm run codegen); the bad-argument table below stays strings. */
const PERSON_BY_ID_NUMBER = graphql(`
  query PopulationPersonByIdNumber($n: String!) {
    personByIdNumber(idNumber: $n) {
      id
      idNumber
      name
      gender
      birthDate
      status
      householdDivisionCode
    }
  }
`);
const PERSON_BY_ID = graphql(`
  query PopulationPerson($id: ID!) {
    person(id: $id) {
      idNumber
    }
  }
`);
const PERSON_ID_ONLY = graphql(`
  query PopulationPersonIdOnly($n: String!) {
    personByIdNumber(idNumber: $n) {
      id
    }
  }
`);
const UNKNOWN_PERSON = graphql(`
  query PopulationUnknownPerson {
    personByIdNumber(idNumber: "11010519491231002X") {
      id
    }
  }
`);
const PERSONS_PAGE = graphql(`
  query PopulationPersonsPage($after: String) {
    persons(first: 7, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const PERSONS_FILTERED = graphql(`
  query PopulationPersonsFiltered {
    persons(first: 50, divisionCode: "430408", bornFrom: "1980-01-01", bornTo: "1989-12-31") {
      totalCount
      edges {
        node {
          householdDivisionCode
          birthDate
        }
      }
    }
  }
`);
const HOUSEHOLD = graphql(`
  query PopulationHousehold($n: String!) {
    personByIdNumber(idNumber: $n) {
      household {
        householdNumber
        head {
          id
        }
        members {
          id
          name
        }
      }
    }
  }
`);

describe('population subgraph through the router', () => {
  test('personByIdNumber finds a seeded person and the key is pseudonymous', async () => {
    const r = await gql(PERSON_BY_ID_NUMBER, { n: person0.idNumber });
    expect(r.errors).toBeUndefined();
    const p = r.data.personByIdNumber;
    expect(p).toMatchObject({ idNumber: person0.idNumber, name: person0.name, gender: person0.gender, birthDate: person0.birthDate });
    expect(p.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(p.id).not.toContain(person0.idNumber.slice(0, 6));
    const again = await gql(PERSON_BY_ID, { id: p.id });
    expect(again.data.person.idNumber).toBe(person0.idNumber);
  });

  test.each([
    ['wrong check digit', person0.idNumber.slice(0, 17) + (person0.idNumber[17] === '0' ? '1' : '0'), /check/i],
    ['too short', '43040419900101', /18/],
    ['impossible birth date', '430404199002300013', /date/i],
    ['letters', '4304041990010100AB', /.+/],
  ])('a malformed ID number (%s) is BAD_USER_INPUT, not an empty answer', async (_label, value, message) => {
    const r = await gql(PERSON_ID_ONLY, { n: value });
    expect(r.status).toBeLessThan(500);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0].message).toMatch(message);
    expect(r.data?.personByIdNumber ?? null).toBeNull();
  });

  test('a well-formed but unknown ID number answers null without error', async () => {
    const r = await gql(UNKNOWN_PERSON);
    expect(r.errors).toBeUndefined();
    expect(r.data.personByIdNumber).toBeNull();
  });

  test('persons pages with cursors, without overlap, and counts the total', async () => {
    const q = PERSONS_PAGE;
    const first = await gql(q);
    expect(first.errors).toBeUndefined();
    const page1 = first.data.persons;
    expect(page1.totalCount).toBe(Number(process.env.TEST_SEED_SCALE));
    expect(page1.edges).toHaveLength(7);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await gql(q, { after: page1.pageInfo.endCursor });
    const ids1 = page1.edges.map((e) => e.node.id);
    const ids2 = second.data.persons.edges.map((e) => e.node.id);
    expect(ids2).toHaveLength(7);
    expect(ids1.filter((id: string) => ids2.includes(id))).toEqual([]);
    expect([...ids1, ...ids2]).toEqual([...ids1, ...ids2].sort());
  });

  test('persons filters by division and birth-date range', async () => {
    const r = await gql(PERSONS_FILTERED);
    expect(r.errors).toBeUndefined();
    const nodes = r.data.persons.edges.map((e) => e.node);
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
    const r = await gql(HOUSEHOLD, { n: person0.idNumber });
    expect(r.errors).toBeUndefined();
    const h = r.data.personByIdNumber.household;
    expect(h.members.length).toBeGreaterThanOrEqual(1);
    expect(h.members.map((m) => m.id)).toContain(h.head.id);
  });
});
