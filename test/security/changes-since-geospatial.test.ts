/**
 * Issue 11: what consumers learn from `landParcelChangesSince`, and who may write parcels. The
 * provider (natural-resources) corrects two parcels, each in one kind of item:
 *   E transactionPrice (REGISTRATION_FILE, NONE: the provider only)
 *   F boundary (cadastral geometry: every agency, as GeoJSON)
 * A change touching only items a reader may not read leaves no edge, key, time or count; the
 * history's who and old values are the provider's; another agency, or the provider without the
 * operator post, cannot write, and learns nothing of the parcel from the refusal.
 */
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';

const CHANGES = `query($since: String!) { landParcelChangesSince(since: $since, first: 100) {
  edges { node { landParcelId kind values oldValues agency operator } } } }`;
const UPDATE = `mutation($input: [LandParcelUpdateInput!]!) { updateLandParcels(input: $input) { id code } }`;

type Parcel = { id: string; code: string; transaction_price: number | null; boundary: string };
let since: string;
let p: Record<'E' | 'F', Parcel>;
const NEW_PRICE = 987654321;

const provider = (roles?: string[]) => asAgency('natural-resources', undefined, { operator: 'nr-clerk-2', roles });
const nodes = (r: any) => (r.data?.landParcelChangesSince?.edges ?? []).map((e: any) => e.node).filter((n: any) => [p.E.id, p.F.id].includes(n.landParcelId));

/** PostgreSQL polygon text → a closed GeoJSON ring. */
const ringOf = (text: string) => {
  const n = (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  const ring: number[][] = [];
  for (let i = 0; i + 1 < n.length; i += 2) ring.push([n[i], n[i + 1]]);
  return [...ring, ring[0]];
};
/** The same ring shifted a little inside its box (a surveyed correction). */
const shifted = (ring: number[][]) => ring.map(([x, y]) => [Math.round((x + 0.00001) * 1e7) / 1e7, y]);

beforeAll(async () => {
  p = await withDb('geospatial', async (c) => {
    since = (await c.query(`SELECT now() AS t`)).rows[0].t.toISOString();
    const pick = async (offset: number) =>
      (
        await c.query(
          `SELECT id, code, transaction_price, boundary::text AS boundary FROM land_parcel WHERE transaction_price IS NOT NULL ORDER BY id DESC OFFSET $1 LIMIT 1`,
          [offset],
        )
      ).rows[0];
    return { E: await pick(0), F: await pick(1) };
  });
  const r = await gql(
    UPDATE,
    {
      input: [
        { code: p.E.code, transactionPrice: NEW_PRICE },
        { code: p.F.code, boundary: { type: 'Polygon', coordinates: [shifted(ringOf(p.F.boundary))] } },
      ],
    },
    await provider(),
  );
  expect(r.errors).toBeUndefined();
});

afterAll(async () => {
  const back = await gql(
    UPDATE,
    {
      input: [
        { code: p.E.code, transactionPrice: p.E.transaction_price },
        { code: p.F.code, boundary: { type: 'Polygon', coordinates: [ringOf(p.F.boundary)] } },
      ],
    },
    await provider(),
  );
  expect(back.errors).toBeUndefined();
});

test('the provider sees both changes in full: values as served (GeoJSON), old values, who', async () => {
  const r = await gql(CHANGES, { since }, await provider());
  expect(r.errors).toBeUndefined();
  const [e, f] = [p.E, p.F].map((x) => nodes(r).find((n: any) => n.landParcelId === x.id));
  expect(e).toMatchObject({
    kind: 'UPDATE',
    values: { transactionPrice: NEW_PRICE },
    oldValues: { transactionPrice: p.E.transaction_price },
    agency: 'natural-resources',
    operator: 'nr-clerk-2',
  });
  expect(f.values).toEqual({ boundary: { type: 'Polygon', coordinates: [shifted(ringOf(p.F.boundary))] } });
  expect(f.oldValues).toEqual({ boundary: { type: 'Polygon', coordinates: [ringOf(p.F.boundary)] } });
});

test('another agency without a grant: the boundary change only; the price change leaves no edge, key, value or count; who and old values are not its', async () => {
  const r = await gql(CHANGES, { since }, await asAgency('human-resources'));
  // Who and the old values are the provider's accountability record: refused by name, never served.
  expect(new Set(r.errors?.map((e: any) => `${e.extensions.code} ${e.extensions.item}`))).toEqual(
    new Set(['FORBIDDEN LandParcelChange.oldValues', 'FORBIDDEN LandParcelChange.agency', 'FORBIDDEN LandParcelChange.operator']),
  );
  const mine = nodes(r);
  expect(mine.map((n: any) => n.landParcelId)).toEqual([p.F.id]);
  expect(mine[0].values).toEqual({ boundary: { type: 'Polygon', coordinates: [shifted(ringOf(p.F.boundary))] } });
  expect(mine[0].oldValues).toBeNull();
  expect(mine[0].agency).toBeNull();
  expect(mine[0].operator).toBeNull();
  const text = JSON.stringify(r.data);
  expect(text).not.toContain(p.E.id);
  expect(text).not.toContain(String(NEW_PRICE));
  // The holder is never part of a change, for anyone.
  expect(text).not.toMatch(/holder"/);
});

test('another agency cannot update a parcel: FORBIDDEN, the same answer for a parcel that exists and one that does not, nothing changes', async () => {
  const real = await gql(UPDATE, { input: [{ code: p.E.code, transactionPrice: 1 }] }, await asAgency('human-resources', undefined, { operator: 'hr-1' }));
  const none = await gql(
    UPDATE,
    { input: [{ code: '430408999999GB99999', transactionPrice: 1 }] },
    await asAgency('human-resources', undefined, { operator: 'hr-1' }),
  );
  expect(real.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect({ code: none.errors?.[0]?.extensions?.code, message: none.errors?.[0]?.message }).toEqual({
    code: real.errors?.[0]?.extensions?.code,
    message: real.errors?.[0]?.message,
  });
  expect(real.data?.updateLandParcels ?? null).toBeNull();
  const [row] = await withDb('geospatial', async (c) => (await c.query(`SELECT transaction_price FROM land_parcel WHERE id = $1`, [p.E.id])).rows);
  expect(row.transaction_price).toBe(NEW_PRICE);
});

test('the provider without the operator post cannot update either', async () => {
  const r = await gql(UPDATE, { input: [{ code: p.E.code, transactionPrice: 1 }] }, await provider(['security-admin']));
  expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test('a crossing boundary is refused whole with index, field and reason; the valid row beside it is not applied', async () => {
  const r = await gql(
    UPDATE,
    {
      input: [
        { code: p.E.code, transactionPrice: 5 },
        {
          code: p.F.code,
          boundary: {
            type: 'Polygon',
            coordinates: [
              [
                [112.55, 26.89],
                [112.551, 26.891],
                [112.551, 26.89],
                [112.55, 26.891],
                [112.55, 26.89],
              ],
            ],
          },
        },
      ],
    },
    await provider(),
  );
  expect(r.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    problems: [{ index: 1, field: 'boundary', reason: expect.stringMatching(/crosses itself/) }],
  });
  const [row] = await withDb('geospatial', async (c) => (await c.query(`SELECT transaction_price FROM land_parcel WHERE id = $1`, [p.E.id])).rows);
  expect(row.transaction_price).toBe(NEW_PRICE);
});
