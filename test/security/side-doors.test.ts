/**
 * Class 3 of issue 8 — only the router reaches a subgraph (side doors and key confusion). A direct
 * POST to the credit subgraph, without a token, resolved a person's key sent as a LegalPerson and
 * returned the person's blacklist record; with a token, a direct call skipped the router's limits
 * and its anonymous gate, and the subgraph believed the caller's x-request-id / x-operation-name.
 * Now every GraphQL request to a subgraph must carry the router's HMAC signature over method, path,
 * body digest, the trusted headers and a timestamp (401 otherwise, replays too); a key resolves only
 * against rows of its own type; and subgraphs apply depth/alias limits of their own.
 */
import { asAgency, gql, subgraphUrl, unsignedGql } from '../support/client';
import { withDb } from '../support/db';
import { sign, signingSecret } from '../../platform/identity/subgraph-signature';

const CREDIT_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on LegalPerson { creditProfile { rating blacklists } creditRecords { category listName decisionNumber } }
  ... on Person { personRecords: creditRecords { category listName decisionNumber } } } }`;

let personWithRecords: { subject: string; decisionNumbers: string[] };
let parcelHolder: { subject: string; codes: string[] };
let licenceHolders: { PERSON: { subject: string; ids: string[] }; LEGAL_PERSON: { subject: string; ids: string[] } };

beforeAll(async () => {
  const rows = await withDb('credit', (c) =>
    c.query(
      `SELECT subject_id, array_agg(decision_number) AS numbers FROM credit_record WHERE subject_kind = 'PERSON'
      GROUP BY subject_id ORDER BY bool_or(category = 'BLACK_LIST') DESC, subject_id LIMIT 1`,
    ),
  );
  personWithRecords = { subject: rows.rows[0].subject_id, decisionNumbers: rows.rows[0].numbers };
  const parcels = await withDb('geospatial', (c) =>
    c.query(`SELECT holder_id, array_agg(code) AS codes FROM land_parcel WHERE holder_kind = 'PERSON' GROUP BY holder_id ORDER BY holder_id LIMIT 1`),
  );
  parcelHolder = { subject: parcels.rows[0].holder_id, codes: parcels.rows[0].codes };
  const holders = await withDb('e-license', (c) =>
    c.query(
      `SELECT DISTINCT ON (holder_kind) holder_kind, holder_id, ids FROM (
       SELECT holder_kind, holder_id, array_agg(id) AS ids FROM license GROUP BY holder_kind, holder_id) h
      ORDER BY holder_kind, cardinality(ids) DESC, holder_id`,
    ),
  );
  licenceHolders = Object.fromEntries(holders.rows.map((r) => [r.holder_kind, { subject: r.holder_id, ids: r.ids }])) as typeof licenceHolders;
});

/** A body and headers signed as the router signs them, then sent as given (possibly altered). */
function signedRequest(body: string, headers: Record<string, string>, now = Date.now()): { method: string; headers: Record<string, string>; body: string } {
  const signature = sign({ method: 'POST', path: '/', body, header: (n) => headers[n] }, signingSecret(), now);
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers, ...signature }, body };
}

async function send(url: string, init: { method: string; headers: Record<string, string>; body: string }) {
  const res = await fetch(url, init);
  return { status: res.status, body: await res.json() };
}

describe('only the router reaches a subgraph (issue 8, class 3)', () => {
  test('the reproduction: an unsigned _entities call to credit, no token, is 401 and returns nothing', async () => {
    const r = await unsignedGql(CREDIT_ENTITIES, { r: [{ __typename: 'LegalPerson', id: personWithRecords.subject }] }, {}, subgraphUrl('credit'));
    expect(r.status).toBe(401);
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0].extensions?.code).toBe('UNSIGNED_REQUEST');
  });

  test('an unsigned call with a valid agency token is refused by every subgraph', async () => {
    const headers = await asAgency('development-reform');
    for (const name of ['population', 'legal-person', 'geospatial', 'credit', 'catalog']) {
      const r = await unsignedGql(`{ _service { sdl } }`, {}, headers, subgraphUrl(name));
      expect([name, r.status, r.errors?.[0].extensions?.code]).toEqual([name, 401, 'UNSIGNED_REQUEST']);
    }
  });

  // /metrics answers loopback (this test) or the metrics token: test/security/metrics-access.test.ts.
  test('health, readiness and metrics stay unsigned', async () => {
    for (const path of ['/health', '/ready', '/metrics']) {
      expect((await fetch(new URL(path, subgraphUrl('population')))).status).toBe(200);
    }
  });

  test('a trusted header changed after signing is refused (x-request-id, x-operation-name, authorization)', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const headers = { ...(await asAgency('development-reform')), 'x-request-id': 'router-chosen-id' };
    const good = signedRequest(body, headers);
    expect((await send(subgraphUrl('population'), good)).status).toBe(200);

    const swapped = signedRequest(body, headers);
    swapped.headers['x-request-id'] = 'attacker-chosen-id';
    const a = await send(subgraphUrl('population'), swapped);
    expect([a.status, a.body.errors[0].extensions.code]).toEqual([401, 'BAD_SIGNATURE']);

    const added = signedRequest(body, headers);
    added.headers['x-operation-name'] = 'Innocent';
    const b = await send(subgraphUrl('population'), added);
    expect([b.status, b.body.errors[0].extensions.code]).toEqual([401, 'BAD_SIGNATURE']);

    const otherToken = signedRequest(body, headers);
    otherToken.headers.authorization = (await asAgency('public-security')).authorization;
    expect((await send(subgraphUrl('population'), otherToken)).status).toBe(401);
  });

  test('a subgraph answer is never cacheable: cache-control no-store, with and without errors', async () => {
    const headers = { ...(await asAgency('human-resources')), 'x-purpose': encodeURIComponent('社会保险待遇资格认证') };
    for (const query of ['{ __typename }', '{ personByIdNumber(idNumber: "110101199001011234") { name } }', '{ noSuchField }']) {
      const res = await fetch(subgraphUrl('population'), signedRequest(JSON.stringify({ query }), headers));
      expect([query, res.headers.get('cache-control')]).toEqual([query, 'no-store']);
    }
  });

  test('a traceparent added or changed after signing is refused: a request cannot be re-filed under another trace (issue 12)', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const headers = { ...(await asAgency('development-reform')), traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    expect((await send(subgraphUrl('population'), signedRequest(body, headers))).status).toBe(200);

    const changed = signedRequest(body, headers);
    changed.headers.traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const a = await send(subgraphUrl('population'), changed);
    expect([a.status, a.body.errors[0].extensions.code]).toEqual([401, 'BAD_SIGNATURE']);

    const { traceparent: _dropped, ...untraced } = headers;
    const added = signedRequest(body, untraced);
    added.headers.traceparent = headers.traceparent;
    const b = await send(subgraphUrl('population'), added);
    expect([b.status, b.body.errors[0].extensions.code]).toEqual([401, 'BAD_SIGNATURE']);
  });

  test('variant: a body changed after signing is refused', async () => {
    const headers = await asAgency('development-reform');
    const init = signedRequest(JSON.stringify({ query: '{ __typename }' }), headers);
    init.body = JSON.stringify({ query: '{ _service { sdl } }' });
    const r = await send(subgraphUrl('population'), init);
    expect([r.status, r.body.errors[0].extensions.code]).toEqual([401, 'BAD_SIGNATURE']);
  });

  test('a replayed request is refused, inside the window and outside it', async () => {
    const init = signedRequest(JSON.stringify({ query: '{ __typename }' }), await asAgency('development-reform'));
    expect((await send(subgraphUrl('credit'), init)).status).toBe(200);
    const again = await send(subgraphUrl('credit'), init);
    expect([again.status, again.body.errors[0].extensions.code]).toEqual([401, 'REPLAYED_REQUEST']);
    const old = signedRequest(JSON.stringify({ query: '{ __typename }' }), await asAgency('development-reform'), Date.now() - 60_000);
    const stale = await send(subgraphUrl('credit'), old);
    expect([stale.status, stale.body.errors[0].extensions.code]).toEqual([401, 'STALE_SIGNATURE']);
  });

  test("key confusion on credit: a person's key sent as a LegalPerson resolves to nothing", async () => {
    const headers = await asAgency('development-reform'); // the provider: reads every credit item in full
    const asLegal = await gql(CREDIT_ENTITIES, { r: [{ __typename: 'LegalPerson', id: personWithRecords.subject }] }, headers, subgraphUrl('credit'));
    expect(asLegal.status).toBe(200);
    expect(asLegal.data._entities[0]?.creditRecords ?? []).toEqual([]);
    expect(asLegal.data._entities[0]?.creditProfile?.blacklists ?? []).toEqual([]);
    for (const n of personWithRecords.decisionNumbers) expect(JSON.stringify(asLegal)).not.toContain(n);
    // Control: the same key as what it is finds the records.
    const asPerson = await gql(CREDIT_ENTITIES, { r: [{ __typename: 'Person', id: personWithRecords.subject }] }, headers, subgraphUrl('credit'));
    expect(asPerson.data._entities[0].personRecords.map((r: { decisionNumber: string }) => r.decisionNumber).sort()).toEqual(
      [...personWithRecords.decisionNumbers].sort(),
    );
  });

  test("variant: key confusion on geospatial (a person's parcels asked as a LegalPerson's) and population", async () => {
    const headers = await asAgency('natural-resources');
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalPerson { parcels { code } registeredLocation { text } } ... on Person { parcels { code } } } }`;
    const asLegal = await gql(q, { r: [{ __typename: 'LegalPerson', id: parcelHolder.subject }] }, headers, subgraphUrl('geospatial'));
    expect(asLegal.data._entities[0]?.parcels ?? []).toEqual([]);
    expect(asLegal.data._entities[0]?.registeredLocation ?? null).toBeNull();
    const asPerson = await gql(q, { r: [{ __typename: 'Person', id: parcelHolder.subject }] }, headers, subgraphUrl('geospatial'));
    expect(asPerson.data._entities[0].parcels.map((p: { code: string }) => p.code).sort()).toEqual([...parcelHolder.codes].sort());

    const household = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id } } }`,
      { r: [{ __typename: 'Household', id: personWithRecords.subject }] },
      await asAgency('public-security'),
      subgraphUrl('population'),
    );
    expect(household.data._entities).toEqual([null]);
  });

  test("variant: key confusion on e-license: a person's key sent as a LegalPerson (and back) finds no licence", async () => {
    const headers = await asAgency('public-security'); // Person.licenses / LegalPerson.licenses are unconditional: any agency
    const q = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on LegalPerson { asLegal: licenses { __typename id } } ... on Person { asPerson: licenses { __typename id } } } }`;
    const person = licenceHolders.PERSON;
    const confused = await gql(q, { r: [{ __typename: 'LegalPerson', id: person.subject }] }, headers, subgraphUrl('e-license'));
    expect([confused.status, confused.errors]).toEqual([200, undefined]);
    expect(confused.data._entities[0]?.asLegal ?? []).toEqual([]);
    for (const id of person.ids) expect(JSON.stringify(confused)).not.toContain(id);
    const legal = licenceHolders.LEGAL_PERSON;
    const back = await gql(q, { r: [{ __typename: 'Person', id: legal.subject }] }, headers, subgraphUrl('e-license'));
    expect(back.data._entities[0]?.asPerson ?? []).toEqual([]);
    // Control: each key as what it is finds its licences.
    const right = await gql(
      q,
      {
        r: [
          { __typename: 'Person', id: person.subject },
          { __typename: 'LegalPerson', id: legal.subject },
        ],
      },
      headers,
      subgraphUrl('e-license'),
    );
    expect(right.data._entities[0].asPerson.map((l: { id: string }) => l.id).sort()).toEqual([...person.ids].sort());
    expect(right.data._entities[1].asLegal.map((l: { id: string }) => l.id).sort()).toEqual([...legal.ids].sort());
    // A licence's key sent as another kind resolves to nothing either.
    const kinds = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`,
      { r: [{ __typename: 'BusinessLicense', id: person.ids[0] }] },
      headers,
      subgraphUrl('e-license'),
    );
    expect(kinds.data._entities).toEqual([null]);
  });

  test('subgraphs apply depth and alias limits of their own, even to signed requests', async () => {
    const headers = await asAgency('public-security');
    const nested = `${'household { members { '.repeat(8)}id${' } }'.repeat(8)}`;
    const deep = await gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${nested} } } }`,
      { r: [] },
      headers,
      subgraphUrl('population'),
    );
    expect([deep.status, deep.errors?.[0].extensions?.code]).toEqual([400, 'MAX_DEPTH_LIMIT']);
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: sdl`).join(' ');
    const many = await gql(`{ _service { ${aliases(31)} } }`, {}, headers, subgraphUrl('population'));
    expect([many.status, many.errors?.[0].extensions?.code]).toEqual([400, 'MAX_ALIASES_LIMIT']);
    const fine = await gql(`{ _service { ${aliases(30)} } }`, {}, headers, subgraphUrl('population'));
    expect(fine.status).toBe(200);
    const roots = await gql(`{ ${Array.from({ length: 21 }, (_, i) => `r${i}: __typename`).join(' ')} }`, {}, headers, subgraphUrl('population'));
    expect([roots.status, roots.errors?.[0].extensions?.code]).toEqual([400, 'MAX_ROOT_FIELDS_LIMIT']);
  });
});
