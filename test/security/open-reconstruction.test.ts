/**
 * Class guarded: OPEN QUERIES THAT RECONSTRUCT A NON-OPEN VALUE (issue 8 §4, parcelAt).
 * `parcelAt(lon, lat)` is open, the parcel boundary is open only on application: each anonymous
 * answer said whether a point lies inside a boundary, and 88 requests drew the polygon.
 * Afterwards the point is an argument that filters by LandParcel.boundary, so a caller who may
 * not read the boundary gets no point-in-polygon answer at all (FORBIDDEN naming the argument,
 * before SQL); the parcel's open facts stay reachable by its code.
 */
import { asAgency, asSubject, countSql, gql } from '../support/client';
import { cellMiddle, syntheticParcels } from '../../seed/synthetic/geospatial';
import { syntheticPerson } from '../../seed/synthetic/people';
import { personKey } from '../../platform/keys';

const parcel = [...syntheticParcels(Number(process.env.TEST_SEED_SCALE))][3];
const AT = `query($lon: Float!, $lat: Float!) { parcelAt(lon: $lon, lat: $lat) { code landUse } }`;

function expectNoAnswer(r: any, argument = 'lon') {
  expect(r.data?.parcelAt ?? null).toBeNull();
  expect(r.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', argument, item: 'LandParcel.boundary' });
}

/** Anonymous and not open: the router refuses the request (401), or the subgraph the field. */
function refused(r: any) {
  if (r.status === 401) expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  else expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
}

describe('an open query does not draw a boundary that is not open', () => {
  test('the reproduction: anonymous point-in-polygon probes around a parcel answer nothing, before any SQL', async () => {
    const [lon, lat] = cellMiddle(parcel.cell);
    const step = parcel.cell.size / 6;
    const probes: [number, number][] = [];
    for (let i = -2; i <= 2; i++) for (let j = -2; j <= 2; j++) probes.push([lon + i * step, lat + j * step]);
    const { result, statements } = await countSql(async () => Promise.all(probes.map(([x, y]) => gql(AT, { lon: x, lat: y }))));
    for (const r of result) expectNoAnswer(r);
    expect(statements).toBe(0);
  });

  test('an agency, which may read the boundary, still locates the parcel', async () => {
    const [lon, lat] = cellMiddle(parcel.cell);
    const r = await gql(AT, { lon, lat }, await asAgency('taxation'));
    expect(r.errors).toBeUndefined();
    expect(r.data.parcelAt.code).toBe(parcel.code);
  });

  test("the parcel's open facts stay open by its code, without its boundary or area", async () => {
    const open = await gql(`query($c: String!) { parcel(code: $c) { code landUse division { code } } }`, { c: parcel.code });
    expect(open.errors).toBeUndefined();
    expect(open.data.parcel.code).toBe(parcel.code);
    refused(await gql(`query($c: String!) { parcel(code: $c) { areaSquareMeters } }`, { c: parcel.code }));
  });

  test('variant: a box search (parcelsWithin, shrinking boxes) and a nearby-address search are no open door either', async () => {
    const [lon, lat] = cellMiddle(parcel.cell);
    const d = parcel.cell.size / 10;
    const box = await gql(`query($b: [Float!]!) { parcelsWithin(bbox: $b, first: 1) { totalCount edges { node { code } } } }`, {
      b: [lon - d, lat - d, lon + d, lat + d],
    });
    refused(box);
    expect(box.data?.parcelsWithin ?? null).toBeNull();
    const near = await gql(`query($lon: Float!, $lat: Float!) { addressesNear(lon: $lon, lat: $lat, radiusMeters: 30) { distanceMeters } }`, { lon, lat });
    refused(near);
    expect(near.data?.addressesNear ?? null).toBeNull();
    // A data subject's token opens nothing more than anonymity here.
    const [x, y] = cellMiddle(parcel.cell);
    expectNoAnswer(await gql(AT, { lon: x, lat: y }, await asSubject(personKey(syntheticPerson(0).idNumber))));
  });
});
