/** 法人基础库 through the router, and its federation with 人口基础库. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { asAgency, countSql, gql as rawGql, type GraphQLResponse, type TypedResponse } from '../support/client';
import { graphql } from '../generated';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticPerson } from '../../seed/synthetic/people';

const scale = () => Number(process.env.TEST_SEED_SCALE);

/** These tests read as public-security: it provides the persons' items they join to, and the
 *  legal-person items they read are UNCONDITIONAL or OPEN. The policy matrix is in policy.test.ts. */
async function gql<T, V extends Record<string, unknown>>(query: TypedDocumentNode<T, V>, variables?: V): Promise<TypedResponse<T>>;
async function gql(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
async function gql(query: string | TypedDocumentNode, variables: Record<string, unknown> = {}) {
  return rawGql(query, variables, await asAgency('public-security'));
}

describe('legal-person subgraph through the router', () => {
  test('legalPersonByUscc returns registration facts and the legal representative from population', async () => {
    const lp = syntheticLegalPerson(0, scale());
    const rep = syntheticPerson(lp.legalRepresentativeIndex);
    const r = await gql(
      graphql(`
        query LegalPersonByUsccFull($u: String!) {
          legalPersonByUscc(uscc: $u) {
            id
            uscc
            name
            kind
            status
            registrationAuthority
            registeredDivisionCode
            legalRepresentative {
              id
              name
              idNumber
              legalRepresentativeOf {
                uscc
              }
            }
          }
        }
      `),
      { u: lp.uscc },
    );
    expect(r.errors).toBeUndefined();
    const got = r.data.legalPersonByUscc;
    expect(got).toMatchObject({ uscc: lp.uscc, name: lp.name, kind: lp.kind, status: lp.status });
    expect(got.legalRepresentative).toMatchObject({ name: rep.name, idNumber: rep.idNumber });
    expect(got.legalRepresentative.legalRepresentativeOf.map((x) => x.uscc)).toContain(lp.uscc);
  });

  test('lowercase USCC is accepted; a wrong check character is BAD_USER_INPUT', async () => {
    const lp = syntheticLegalPerson(1, scale());
    const ok = await gql(
      graphql(`
        query LegalPersonUsccLower($u: String!) {
          legalPersonByUscc(uscc: $u) {
            uscc
          }
        }
      `),
      { u: lp.uscc.toLowerCase() },
    );
    expect(ok.data.legalPersonByUscc.uscc).toBe(lp.uscc);
    const last = lp.uscc[17] === '0' ? '1' : '0';
    const bad = await gql(
      graphql(`
        query LegalPersonUsccBadCheck($u: String!) {
          legalPersonByUscc(uscc: $u) {
            uscc
          }
        }
      `),
      { u: lp.uscc.slice(0, 17) + last },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toMatch(/check/i);
    const charset = await gql(
      graphql(`
        query LegalPersonUsccCharset {
          legalPersonByUscc(uscc: "91430400MA4LOOOOOO") {
            uscc
          }
        }
      `),
    );
    expect(charset.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('legalPersons filters by status, division and name', async () => {
    const r = await gql(
      graphql(`
        query LegalPersonsFiltered {
          legalPersons(first: 100, status: ACTIVE, divisionCode: "430408") {
            totalCount
            edges {
              node {
                status
                registeredDivisionCode
              }
            }
          }
        }
      `),
    );
    expect(r.errors).toBeUndefined();
    for (const e of r.data.legalPersons.edges) expect(e.node).toEqual({ status: 'ACTIVE', registeredDivisionCode: '430408' });
    const lp = syntheticLegalPerson(2, scale());
    const fragment = lp.name.slice(3, 6);
    const byName = await gql(
      graphql(`
        query LegalPersonsByName($n: String!) {
          legalPersons(first: 100, name: $n) {
            edges {
              node {
                name
              }
            }
          }
        }
      `),
      { n: fragment },
    );
    expect(byName.data.legalPersons.edges.length).toBeGreaterThan(0);
    for (const e of byName.data.legalPersons.edges) expect(e.node.name).toContain(fragment);
    const wildcard = await gql(
      graphql(`
        query LegalPersonsWildcard {
          legalPersons(first: 5, name: "%") {
            totalCount
          }
        }
      `),
    );
    expect(wildcard.data.legalPersons.totalCount).toBe(0);
  });

  test('no N+1: SQL statements for a nested page do not grow with page size', async () => {
    const q = graphql(`
      query LegalPersonsNested($n: Int!) {
        legalPersons(first: $n) {
          edges {
            node {
              name
              legalRepresentative {
                name
                legalRepresentativeOf {
                  name
                }
              }
            }
          }
        }
      }
    `);
    const small = await countSql(() => gql(q, { n: 10 }));
    const large = await countSql(() => gql(q, { n: 100 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data.legalPersons.edges).toHaveLength(100);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(4);
  });
});
