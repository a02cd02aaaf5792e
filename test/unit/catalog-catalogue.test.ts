/** The catalogue built from supergraph SDL (pure), and the evaluation CSV. */
import { buildCatalogue, providersOf, resourceOpenType, resourceSharingType } from '../../subgraphs/catalog/catalogue/catalogue';
import { CSV_COLUMNS, toCsv } from '../../subgraphs/catalog/evaluation/report';

const SUPERGRAPH = `
directive @join__type(graph: join__Graph!, key: String) repeatable on OBJECT
directive @join__field(graph: join__Graph, external: Boolean) repeatable on FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @sharing(type: String!, open: String!, level: String!, mask: String, provider: String!, basis: String) on FIELD_DEFINITION
directive @resource(code: String!, name: String!, summary: String!, updateCycle: String!, provider: String!) on OBJECT
enum join__Graph {
  A @join__graph(name: "alpha", url: "http://a/")
  B @join__graph(name: "beta-two", url: "http://b/")
}
enum Colour @join__type(graph: A) { RED GREEN }
"""A thing"""
type Thing @join__type(graph: A, key: "id") @join__type(graph: B, key: "id")
  @resource(code: "T-1", name: "东西", summary: "测试", updateCycle: "DAILY", provider: "agency-a") {
  id: ID! @sharing(type: "UNCONDITIONAL", open: "OPEN", level: "L1", mask: "FULL", provider: "agency-a")
  """名称"""
  name: String @join__field(graph: A) @sharing(type: "CONDITIONAL", open: "CLOSED", level: "L2", mask: "SURNAME", provider: "agency-a")
  colour: Colour @join__field(graph: A) @sharing(type: "NONE", open: "CLOSED", level: "L4", mask: "FULL", provider: "agency-a", basis: "某法第一条")
  others: [Thing!] @join__field(graph: B) @sharing(type: "UNCONDITIONAL", open: "CLOSED", level: "L1", mask: "FULL", provider: "agency-b")
  count: Int @join__field(graph: B, external: true) @join__field(graph: A) @sharing(type: "UNCONDITIONAL", open: "CLOSED", level: "L1", mask: "FULL", provider: "agency-a")
}
type Plumbing @join__type(graph: A) { edges: [Thing!]! }
type Query @join__type(graph: A) { thing: Thing @sharing(type: "UNCONDITIONAL", open: "OPEN", level: "L1", mask: "FULL", provider: "agency-a") }
`;

describe('buildCatalogue', () => {
  const c = buildCatalogue(SUPERGRAPH);

  test('one resource per @resource type, one item per @sharing field; other types and Query are not resources', () => {
    expect(c.resources.map((r) => r.code)).toEqual(['T-1']);
    const [r] = c.resources;
    expect(r).toMatchObject({
      name: '东西',
      summary: '测试',
      updateCycle: 'DAILY',
      provider: 'agency-a',
      typeName: 'Thing',
      description: 'A thing',
      subgraph: 'alpha',
    });
    expect(r.items.map((i) => i.name)).toEqual(['Thing.id', 'Thing.name', 'Thing.colour', 'Thing.others', 'Thing.count']);
  });

  test('items carry their own metadata, type, provider and serving subgraph', () => {
    expect(c.items.get('Thing.name')).toMatchObject({
      dataType: 'String',
      valueKind: 'SCALAR',
      sharingType: 'CONDITIONAL',
      mask: 'SURNAME',
      description: '名称',
      subgraph: 'alpha',
      resourceCode: 'T-1',
      updateCycle: 'DAILY',
    });
    expect(c.items.get('Thing.colour')).toMatchObject({ valueKind: 'ENUM', sharingType: 'NONE', basis: '某法第一条', level: 'L4' });
    expect(c.items.get('Thing.others')).toMatchObject({ dataType: '[Thing!]', valueKind: 'OBJECT', list: true, provider: 'agency-b', subgraph: 'beta-two' });
    expect(c.items.get('Thing.id')).toMatchObject({ dataType: 'ID!', subgraph: 'alpha' }); // a shared key belongs to the owner
    expect(c.items.get('Thing.count')?.subgraph).toBe('alpha'); // external in beta-two
    expect(providersOf(c, ['Thing.name', 'Thing.others', 'Thing.nothing'])).toEqual(['agency-a', 'agency-b']);
  });

  test('resource-level classes and a fingerprint that follows the metadata', () => {
    expect(resourceSharingType(c.resources[0])).toBe('CONDITIONAL');
    expect(resourceOpenType(c.resources[0])).toBe('CONDITIONAL');
    expect(buildCatalogue(SUPERGRAPH).fingerprint).toBe(c.fingerprint);
    expect(buildCatalogue(SUPERGRAPH.replace('mask: "SURNAME"', 'mask: "HASH"')).fingerprint).not.toBe(c.fingerprint);
  });
});

describe('evaluation CSV', () => {
  test('header, one row per agency and role, quoted cells', () => {
    const csv = toCsv({
      year: 2026,
      generatedAt: '',
      asOf: '',
      providers: [
        {
          agencyCode: 'a,b',
          itemsPublished: 3,
          unconditionalItems: 1,
          conditionalItems: 1,
          noneItems: 1,
          recordsHeld: 10,
          resources: [],
          overdueResources: [],
          applicationsReceived: 0,
          applicationsApproved: 0,
          applicationsRejected: 0,
          applicationsAwaitingReview: 0,
          provisioned: 0,
          provisionedOnTime: 0,
          provisionedLate: 0,
          provisioningOverdue: 0,
          averageProvisioningWorkingDays: null,
          maxProvisioningDelayWorkingDays: 0,
          demandsReceived: 4,
          demandsAnswered: 3,
          demandsAnsweredOnTime: 2,
          demandsOverdue: 1,
          noticesReceived: 3,
          noticesClosed: 2,
          noticesEscalated: 1,
          findingsOpened: 5,
          findingsClosed: 4,
          findingsOpen: 3,
          dataObjectionsReceived: 9,
          dataObjectionsAnswered: 8,
          dataObjectionsAnsweredOnTime: 7,
          dataObjectionsOverdue: 6,
        },
      ],
      consumers: [
        {
          agencyCode: 'c"d',
          requests: 5,
          itemsServed: 7,
          itemsMasked: 2,
          refusals: 1,
          refusedRequests: 1,
          applicationsSubmitted: 0,
          demandsSubmitted: 2,
          noticesReceived: 1,
          noticesClosed: 0,
          noticesEscalated: 1,
        },
      ],
    });
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1].startsWith('2026,PROVIDER,"a,b",3,1,1,1,10,,,0,0,0,0,0,0,0,0,,0,4,3,2,1,')).toBe(true);
    expect(lines[1].endsWith(',,,,,,,3,2,1,5,4,3,9,8,7,6,,')).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-template-expression -- the run of empty columns reads better apart
    expect(lines[2]).toBe(`2026,CONSUMER,"c""d",${',,,,,,,,,,,,,,,,,,,,,'}5,7,2,1,1,0,2,1,0,1${',,,,,,,,,'}`);
  });
});
