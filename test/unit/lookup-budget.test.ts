/** The lookup budget's platform API, without a database: which root selections count (aliases,
 *  fragments), and chargeLookups for resolvers (e-license's verifyLicense after the merge). */
import 'reflect-metadata';
import { buildSchema, parse, OperationDefinitionNode, FragmentDefinitionNode, Kind } from 'graphql';
import { chargeLookups, lookupCalls, LookupBudget } from '../../platform/policy/lookup-budget';
import { sharingDirectiveSdl } from '../../platform/policy/directive';

const schema = buildSchema(`${sharingDirectiveSdl}
  type Person { id: ID }
  type Query {
    personByIdNumber(idNumber: String!): Person @sharing(type: "UNCONDITIONAL", open: "CLOSED", level: "L1", provider: "p", args: ["idNumber=lookup:Person.idNumber"])
    person(id: ID!): Person @sharing(type: "UNCONDITIONAL", open: "CLOSED", level: "L1", provider: "p", args: ["id=filter:Person.id"])
  }`);

function calls(query: string) {
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return lookupCalls(schema, op, fragments);
}

describe('which selections are lookups', () => {
  test('each aliased lookup counts; filters by key do not', () => {
    expect(calls(`{ a: personByIdNumber(idNumber: "1") { id } b: personByIdNumber(idNumber: "2") { id } person(id: "k") { id } }`).map((c) => c.field)).toEqual(
      ['a', 'b'],
    );
  });
  test('lookups inside fragments and inline fragments count once each', () => {
    expect(
      calls(`{ ...F ... on Query { c: personByIdNumber(idNumber: "3") { id } } } fragment F on Query { d: personByIdNumber(idNumber: "4") { id } }`),
    ).toHaveLength(2);
  });
});

describe('chargeLookups, for resolvers', () => {
  const ctx = (agency: string | undefined, budget?: Partial<LookupBudget>) => ({
    policy: Object.assign(
      { identity: agency ? { kind: 'agency', agency, roles: [] } : { kind: 'anonymous', roles: [] }, purpose: undefined, audit: { record: () => {} } },
      { lookupBudget: budget },
    ) as any,
  });

  test('charges the agency and throws LOOKUP_BUDGET_EXHAUSTED with HTTP 429 when it is spent', async () => {
    const charged: [string, number][] = [];
    const budget = { charge: async (a: string, n: number) => (charged.push([a, n]), { allowed: n <= 2, used: 1, limit: 3 }) };
    await chargeLookups(ctx('taxation', budget), 2, 'Query.verifyLicense');
    await expect(chargeLookups(ctx('taxation', budget), 3, 'Query.verifyLicense')).rejects.toMatchObject({
      extensions: { code: 'LOOKUP_BUDGET_EXHAUSTED', http: { status: 429 } },
    });
    expect(charged).toEqual([
      ['taxation', 2],
      ['taxation', 3],
    ]);
  });

  test('a budget that cannot be read refuses with LOOKUP_BUDGET_UNAVAILABLE (fail closed)', async () => {
    const budget = {
      charge: async () => {
        throw new Error('connection refused');
      },
    };
    jest.spyOn(console, 'error').mockImplementation(() => {});
    await expect(chargeLookups(ctx('taxation', budget), 1, 'Query.license')).rejects.toMatchObject({ extensions: { code: 'LOOKUP_BUDGET_UNAVAILABLE' } });
  });

  test('callers without an agency are not charged', async () => {
    const budget = { charge: jest.fn() };
    await chargeLookups(ctx(undefined, budget), 1, 'Query.license');
    expect(budget.charge).not.toHaveBeenCalled();
  });
});
