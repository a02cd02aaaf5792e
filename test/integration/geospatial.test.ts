/**
 * 自然资源和空间地理基础库 through the router: the division tree, GiST-backed spatial lookups
 * checked against the synthetic city computed here, validation, the joins with 人口基础库 and
 * 法人基础库, the policy it declares, query plans and statement counts.
 * Run with TEST_SUBGRAPHS=population,legal-person,geospatial.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { asAgency, countSql, gql as rawGql, subgraphUrl, type GraphQLResponse, type TypedResponse } from '../support/client';
import { graphql } from '../generated';
import { withDb } from '../support/db';
import { approved, ok, provision } from './catalog-support';
import { applyMask } from '../../platform/masking';
import { legalPersonKey, personKey } from '../../platform/keys';
import { CITY_DIVISION, COUNTY_DIVISIONS, divisionByCode } from '../../reference/divisions';
import { legalPersonCount } from '../../seed/synthetic/city';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticPerson } from '../../seed/synthetic/people';
import { LAND_USE_CLASSES } from '../../reference/land-use';
import { cellMiddle, legalPersonSite, parcelGrid, syntheticAddresses, syntheticParcels, SyntheticParcel } from '../../seed/synthetic/geospatial';
import { ADDRESSES_NEAR_SQL, PARCEL_AT_SQL, parcelsWithinSql } from '../../subgraphs/geospatial/spatial';
import { ringAreaSquareMeters, searchBox } from '../../subgraphs/geospatial/geometry';

const scale = () => Number(process.env.TEST_SEED_SCALE);
const hashKey = () => process.env.PLATFORM_HMAC_KEY!;

/** Most tests read as the providing department, which reads its own items in full; population's
 *  and legal-person's fields they join to are UNCONDITIONAL or OPEN. */
async function gql<T, V extends Record<string, unknown>>(query: TypedDocumentNode<T, V>, variables?: V): Promise<TypedResponse<T>>;
async function gql(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
async function gql(query: string | TypedDocumentNode, variables: Record<string, unknown> = {}) {
  return rawGql(query, variables, await asAgency('natural-resources'));
}

const parcels = () => [...syntheticParcels(scale())];
const closed = (ring: number[][]) => [...ring, ring[0]];

/**
 * Independent checks on the WGS84 ellipsoid: over a few km, the meridional and prime-vertical
 * radii of curvature at the mean latitude give distances and areas to a few parts per million.
 * The API's projection uses the rule-of-thumb constants 111 320 m and 110 540 m a degree, which
 * at Hengyang's latitude (27°) are 0.07 % and 0.24 % short: agreement within 0.3 % is expected.
 */
const A = 6_378_137;
const E2 = 0.006_694_379_990_14;
const rad = (d: number) => (d * Math.PI) / 180;
function ellipsoidScale(lat: number): [perDegreeLon: number, perDegreeLat: number] {
  const w = 1 - E2 * Math.sin(rad(lat)) ** 2;
  return [rad(1) * (A / Math.sqrt(w)) * Math.cos(rad(lat)), rad(1) * ((A * (1 - E2)) / w ** 1.5)];
}
function ellipsoidalDistance([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const [kx, ky] = ellipsoidScale((lat1 + lat2) / 2);
  return Math.hypot((lon2 - lon1) * kx, (lat2 - lat1) * ky);
}
function ellipsoidalArea(ring: number[][]): number {
  const [kx, ky] = ellipsoidScale(ring.reduce((s, p) => s + p[1], 0) / ring.length);
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    twice += (x1 - ring[0][0]) * kx * (y2 - ring[0][1]) * ky - (x2 - ring[0][0]) * kx * (y1 - ring[0][1]) * ky;
  }
  return Math.abs(twice) / 2;
}
/** The documented projection, written out again: x = Δlon·cos(mean lat)·111320, y = Δlat·110540. */
const projected = ([lon1, lat1]: number[], [lon2, lat2]: number[]) =>
  Math.hypot((lon2 - lon1) * Math.cos(rad((lat1 + lat2) / 2)) * 111_320, (lat2 - lat1) * 110_540);

function expectBadInput(r: Pick<GraphQLResponse, 'errors'>, argument: string) {
  expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  expect(r.errors?.[0].message).toContain(argument);
}

describe('administrative divisions', () => {
  const TREE = graphql(`
    query GeoDivisionTree($c: String!) {
      division(code: $c) {
        code
        name
        fullName
        level
        parentCode
        parent {
          code
        }
        bbox
        boundary {
          type
          coordinates
        }
        centre {
          type
          coordinates
        }
        children {
          code
          name
          fullName
          level
          parent {
            code
          }
          bbox
          boundary {
            type
            coordinates
          }
        }
      }
    }
  `);

  test('430400 has the 12 county-level units as children, with their boxes as boundaries', async () => {
    const r = await gql(TREE, { c: '430400' });
    expect(r.errors).toBeUndefined();
    const city = r.data.division;
    expect(city).toMatchObject({ code: '430400', name: '衡阳市', fullName: '湖南省衡阳市', level: 'CITY', parentCode: '430000', parent: null });
    expect(city.bbox).toEqual([...CITY_DIVISION.bbox]);
    expect(city.boundary).toEqual({ type: 'Polygon', coordinates: [closed(boxCorners(CITY_DIVISION.bbox))] });
    expect(city.centre).toEqual({ type: 'Point', coordinates: [...CITY_DIVISION.centre] });
    expect(city.children.map((c: any) => c.code)).toEqual(COUNTY_DIVISIONS.map((d) => d.code));
    for (const child of city.children) {
      const d = divisionByCode(child.code);
      expect(child).toMatchObject({ name: d.name, fullName: d.fullName, level: d.level, parent: { code: '430400' }, bbox: [...d.bbox] });
      expect(child.boundary.coordinates).toEqual([closed(boxCorners(d.bbox))]);
    }
  });

  test('a county-level unit has no children; an unknown code is null; a malformed one BAD_USER_INPUT', async () => {
    const r = await gql(
      graphql(`
        query GeoDivisionCounty {
          division(code: "430408") {
            name
            level
            children {
              code
            }
            parent {
              name
            }
          }
        }
      `),
    );
    expect(r.data.division).toEqual({ name: '蒸湘区', level: 'DISTRICT', children: [], parent: { name: '衡阳市' } });
    expect(
      (
        await gql(
          graphql(`
            query GeoDivisionUnknown {
              division(code: "430499") {
                name
              }
            }
          `),
        )
      ).data.division,
    ).toBeNull();
    for (const bad of ['4304', '43040A', ' 430400'])
      expectBadInput(
        await gql(
          graphql(`
            query GeoDivisionName($c: String!) {
              division(code: $c) {
                name
              }
            }
          `),
          { c: bad },
        ),
        'code',
      );
  });

  test('division facts are open data: served without a token', async () => {
    const r = await rawGql(`{ division(code: "430412") { code name level bbox } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.division).toEqual({ code: '430412', name: '南岳区', level: 'DISTRICT', bbox: [...divisionByCode('430412').bbox] });
  });
});

function boxCorners([minLon, minLat, maxLon, maxLat]: readonly number[]): number[][] {
  return [
    [minLon, minLat],
    [maxLon, minLat],
    [maxLon, maxLat],
    [minLon, maxLat],
  ];
}

graphql(`
  fragment GeoParcelFields on LandParcel {
    id
    code
    landUse
    landUseCode
    landUseName
    ownership
    rightKind
    areaSquareMeters
    holderKind
    transactionPrice
    division {
      code
    }
    boundary {
      type
      coordinates
    }
  }
`);

describe('parcels', () => {
  test('parcelAt returns the parcel whose polygon contains a point, with its seeded facts', async () => {
    const all = parcels();
    const samples = [all[0], all[1], all.find((p) => p.holderKind === 'LEGAL_PERSON')!, all.find((p) => p.unitPrice !== null)!];
    for (const p of samples) {
      const [lon, lat] = cellMiddle(p.cell);
      const r = await gql(
        graphql(`
          query GeoParcelAt($lon: Float!, $lat: Float!) {
            parcelAt(lon: $lon, lat: $lat) {
              ...GeoParcelFields
            }
          }
        `),
        { lon, lat },
      );
      expect(r.errors).toBeUndefined();
      const got = r.data.parcelAt;
      const area = Math.round(ringAreaSquareMeters(p.ring) * 100) / 100;
      expect(got).toMatchObject({
        code: p.code,
        landUseCode: p.landUse,
        landUseName: LAND_USE_CLASSES[p.landUse],
        ownership: p.featureCode[0] === 'G' ? 'STATE' : 'COLLECTIVE',
        holderKind: p.holderKind,
        division: { code: p.divisionCode },
        boundary: { type: 'Polygon', coordinates: [closed(p.ring)] },
        areaSquareMeters: area,
        transactionPrice: p.unitPrice === null ? null : Math.round((area * p.unitPrice) / 100) * 100,
      });
      expect(got.code).toMatch(new RegExp(`^${p.divisionCode}\\d{6}${p.featureCode}\\d{5}$`));
      // The stored area is the projection's; the ellipsoid agrees within 0.4 %.
      expect(Math.abs(got.areaSquareMeters - ellipsoidalArea(p.ring)) / got.areaSquareMeters).toBeLessThan(0.004);
      expect(got.areaSquareMeters).toBeGreaterThan(10);
      expect(got.areaSquareMeters).toBeLessThan(5000);
    }
  });

  test('parcelAt is null beside a parcel (its cell corner), outside Hengyang, and BAD_USER_INPUT outside the world', async () => {
    const p = parcels()[2];
    const corner = { lon: p.cell.lon + p.cell.size * 0.02, lat: p.cell.lat + p.cell.size * 0.02 };
    const q = graphql(`
      query GeoParcelAtCode($lon: Float!, $lat: Float!) {
        parcelAt(lon: $lon, lat: $lat) {
          code
        }
      }
    `);
    expect((await gql(q, corner)).data.parcelAt).toBeNull();
    expect((await gql(q, { lon: 116.4, lat: 39.9 })).data.parcelAt).toBeNull();
    expectBadInput(await gql(q, { lon: 180.5, lat: 26.9 }), 'lon');
    expectBadInput(await gql(q, { lon: 112.6, lat: -90.01 }), 'lat');
  });

  test('parcel(code) finds a parcel, lowercase too; unknown is null; malformed is BAD_USER_INPUT', async () => {
    const p = parcels()[5];
    const r = await gql(
      graphql(`
        query GeoParcelLandUse($c: String!) {
          parcel(code: $c) {
            code
            landUse
          }
        }
      `),
      { c: p.code.toLowerCase() },
    );
    expect(r.data.parcel.code).toBe(p.code);
    const unknown = `${p.code.slice(0, 14)}99999`;
    expect(
      (
        await gql(
          graphql(`
            query GeoParcelCode($c: String!) {
              parcel(code: $c) {
                code
              }
            }
          `),
          { c: unknown },
        )
      ).data.parcel,
    ).toBeNull();
    for (const bad of ['430408001001GB0002', '430408001001G100023', 'ABCDEF001001GB00023']) {
      expectBadInput(
        await gql(
          graphql(`
            query GeoParcelCodeBad($c: String!) {
              parcel(code: $c) {
                code
              }
            }
          `),
          { c: bad },
        ),
        'code',
      );
    }
  });

  // 衡阳县's box is large (the code-index plan), 珠晖区's small (the GiST-first plan).
  test.each(['430421', '430405'])('parcelsWithin the box of %s returns exactly its parcels, paged by code with a stable total', async (code) => {
    const d = divisionByCode(code);
    const expected = parcels()
      .filter((p) => p.divisionCode === d.code)
      .map((p) => p.code)
      .sort();
    expect(expected.length).toBeGreaterThan(5);
    const q = graphql(`
      query GeoParcelsWithinPaged($b: [Float!]!, $after: String) {
        parcelsWithin(bbox: $b, first: 4, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              code
              division {
                code
              }
            }
          }
        }
      }
    `);
    const got: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const r: any = await gql(q, { b: [...d.bbox], after });
      expect(r.errors).toBeUndefined();
      expect(r.data.parcelsWithin.totalCount).toBe(expected.length);
      got.push(...r.data.parcelsWithin.edges.map((e: any) => e.node.code));
      if (!r.data.parcelsWithin.pageInfo.hasNextPage) break;
      after = r.data.parcelsWithin.pageInfo.endCursor;
    }
    // Division boxes may share edges, but parcels lie strictly inside their cells.
    expect(got).toEqual(expected);
  });

  test('parcelsWithin returns only parcels intersecting the box (a grid-aligned box, and a box cutting one parcel)', async () => {
    const d = divisionByCode('430481');
    const g = parcelGrid(d);
    const [minLon, minLat] = d.bbox;
    const cols = [0, Math.floor(g.cols / 2)];
    const rows = [Math.floor(g.rows / 3), g.rows];
    const box = [minLon + cols[0] * g.cell, minLat + rows[0] * g.cell, minLon + cols[1] * g.cell, minLat + rows[1] * g.cell];
    const inBox = (p: SyntheticParcel) =>
      p.divisionCode === d.code && p.cell.col >= cols[0] && p.cell.col < cols[1] && p.cell.row >= rows[0] && p.cell.row < rows[1];
    const expected = parcels()
      .filter(inBox)
      .map((p) => p.code)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const q = graphql(`
      query GeoParcelsWithin($b: [Float!]!) {
        parcelsWithin(bbox: $b, first: 500) {
          totalCount
          edges {
            node {
              code
            }
          }
        }
      }
    `);
    const r = await gql(q, { b: box });
    expect(r.data.parcelsWithin.edges.map((e: any) => e.node.code)).toEqual(expected);

    // A small box over the middle of one parcel's cell finds that parcel; one over its corner, none.
    const p = parcels().find((x) => x.divisionCode === '430405')!;
    const [mx, my] = cellMiddle(p.cell);
    const s = p.cell.size;
    const middle = await gql(q, { b: [mx - s / 10, my - s / 10, mx + s / 10, my + s / 10] });
    expect(middle.data.parcelsWithin.edges.map((e: any) => e.node.code)).toEqual([p.code]);
    const corner = await gql(q, { b: [p.cell.lon + s * 0.005, p.cell.lat + s * 0.005, p.cell.lon + s * 0.03, p.cell.lat + s * 0.03] });
    expect(corner.data.parcelsWithin.totalCount).toBe(0);
  });

  test('parcelsWithin rejects malformed, inverted and oversized boxes naming bbox', async () => {
    const q = graphql(`
      query GeoParcelsWithinCount($b: [Float!]!, $n: Int) {
        parcelsWithin(bbox: $b, first: $n) {
          totalCount
        }
      }
    `);
    for (const b of [
      [112.5, 26.8, 112.6],
      [112.6, 26.8, 112.5, 26.9],
      [112.5, 26.9, 112.6, 26.8],
      [110.0, 26.0, 112.5, 26.9],
      [112.5, 24.5, 112.6, 26.9],
      [-181, 26, 112, 27],
      [112, 26, 113, 91],
    ]) {
      expectBadInput(await gql(q, { b }), 'bbox');
    }
    expectBadInput(await gql(q, { b: [112.5, 26.8, 112.6, 26.9], n: 0 }), 'first');
    expect((await gql(q, { b: [0, 0, 1, 1] })).data.parcelsWithin.totalCount).toBe(0);
  });
});

describe('addresses near a point', () => {
  /** Every seeded address, once per text. */
  const addresses = () => [...new Map([...syntheticAddresses(scale())].map((a) => [a.text, a])).values()];
  const Q = graphql(`
    query GeoAddressesNear($lon: Float!, $lat: Float!, $r: Float!, $n: Int) {
      addressesNear(lon: $lon, lat: $lat, radiusMeters: $r, first: $n) {
        distanceMeters
        address {
          id
          text
          location {
            type
            coordinates
          }
          division {
            code
          }
        }
      }
    }
  `);

  test('returns every address within the radius, nearest first, with distances in metres', async () => {
    const centre = legalPersonSite(syntheticLegalPerson(0, scale())).location;
    const radius = 6000;
    const expected = addresses().filter((a) => projected(centre, a.location) <= radius);
    expect(expected.length).toBeGreaterThan(3);
    const r = await gql(Q, { lon: centre[0], lat: centre[1], r: radius, n: 500 });
    expect(r.errors).toBeUndefined();
    const got = r.data.addressesNear;
    expect(got.map((x: any) => x.address.text).sort()).toEqual(expected.map((a) => a.text).sort());
    expect(got[0].distanceMeters).toBe(0);
    for (let i = 0; i < got.length; i++) {
      const { distanceMeters, address } = got[i];
      const a = expected.find((e) => e.text === address.text)!;
      expect(address.location).toEqual({ type: 'Point', coordinates: a.location });
      expect(address.division.code).toBe(a.divisionCode);
      expect(distanceMeters).toBeLessThanOrEqual(radius);
      expect(Math.abs(distanceMeters - projected(centre, a.location))).toBeLessThan(0.01);
      // Within 0.3 % of the distance on the ellipsoid.
      expect(Math.abs(distanceMeters - ellipsoidalDistance(centre, a.location))).toBeLessThanOrEqual(0.003 * distanceMeters + 0.01);
      if (i > 0) expect(distanceMeters).toBeGreaterThanOrEqual(got[i - 1].distanceMeters);
    }
  });

  test('first limits the answer to the nearest ones; far from Hengyang the answer is empty', async () => {
    const centre = legalPersonSite(syntheticLegalPerson(1, scale())).location;
    const nearest = addresses()
      .map((a) => projected(centre, a.location))
      .sort((x, y) => x - y)
      .slice(0, 3);
    const r = await gql(Q, { lon: centre[0], lat: centre[1], r: 50_000, n: 3 });
    expect(r.data.addressesNear.map((x: any) => x.distanceMeters)).toEqual(nearest.map((d) => Math.round(d * 100) / 100));
    expect((await gql(Q, { lon: 0, lat: 0, r: 50_000 })).data.addressesNear).toEqual([]);
  });

  test('absurd radii and coordinates are BAD_USER_INPUT naming the argument', async () => {
    const at = { lon: 112.6, lat: 26.9 };
    expectBadInput(await gql(Q, { ...at, r: 0 }), 'radiusMeters');
    expectBadInput(await gql(Q, { ...at, r: -5 }), 'radiusMeters');
    expectBadInput(await gql(Q, { ...at, r: 50_000.5 }), 'radiusMeters');
    expectBadInput(await gql(Q, { ...at, lon: -200, r: 100 }), 'lon');
    expectBadInput(await gql(Q, { ...at, lat: 95, r: 100 }), 'lat');
    expectBadInput(await gql(Q, { ...at, r: 100, n: 501 }), 'first');
  });

  test('the search box holds the whole circle, even where meridians converge', () => {
    for (const lat of [0, 26.9, 60, 85]) {
      const [minLon, , maxLon, maxLat] = searchBox([10, lat], 50_000);
      expect(projected([10, lat], [maxLon, lat])).toBeGreaterThanOrEqual(50_000 - 1e-6);
      expect(projected([10, lat], [minLon, maxLat])).toBeGreaterThanOrEqual(50_000 - 1e-6);
    }
  });
});

describe('joins with population and legal-person through the router', () => {
  test('Person.parcels lists the parcels a person holds; holderPerson resolves back to population', async () => {
    const p = parcels().find((x) => x.holderKind === 'PERSON')!;
    const person = syntheticPerson(p.holderIndex);
    const mine = parcels()
      .filter((x) => x.holderKind === 'PERSON' && x.holderIndex === p.holderIndex)
      .map((x) => x.code);
    const r = await gql(
      graphql(`
        query GeoPersonParcels($n: String!) {
          personByIdNumber(idNumber: $n) {
            id
            gender
            parcels {
              code
              landUseCode
              holderKind
              holderPerson {
                id
                gender
                householdDivisionCode
              }
            }
          }
        }
      `),
      { n: person.idNumber },
    );
    expect(r.errors).toBeUndefined();
    const got = r.data.personByIdNumber;
    expect(got.id).toBe(personKey(person.idNumber));
    expect(got.parcels.map((x: any) => x.code)).toEqual(mine);
    expect(got.parcels[0]).toEqual({
      code: p.code,
      landUseCode: p.landUse,
      holderKind: 'PERSON',
      holderPerson: { id: got.id, gender: person.gender, householdDivisionCode: p.divisionCode },
    });
    const holdsNothing = Array.from({ length: 50 }, (_, i) => i).find((i) => !parcels().some((x) => x.holderKind === 'PERSON' && x.holderIndex === i))!;
    const none = await gql(
      graphql(`
        query GeoPersonNoParcels($n: String!) {
          personByIdNumber(idNumber: $n) {
            parcels {
              code
            }
          }
        }
      `),
      { n: syntheticPerson(holdsNothing).idNumber },
    );
    expect(none.data.personByIdNumber.parcels).toEqual([]);
  });

  test('LegalPerson.parcels and registeredLocation; a parcel resolves its legal-person holder', async () => {
    const p = parcels().find((x) => x.holderKind === 'LEGAL_PERSON')!;
    const lp = syntheticLegalPerson(p.holderIndex, scale());
    const r = await gql(
      graphql(`
        query GeoLegalPersonParcels($u: String!) {
          legalPersonByUscc(uscc: $u) {
            id
            registeredDivisionCode
            parcels {
              code
              division {
                code
              }
              holderLegalPerson {
                id
                uscc
                name
              }
            }
            registeredLocation {
              text
              division {
                code
              }
              location {
                coordinates
              }
            }
          }
        }
      `),
      { u: lp.uscc },
    );
    expect(r.errors).toBeUndefined();
    const got = r.data.legalPersonByUscc;
    expect(got.id).toBe(legalPersonKey(lp.uscc));
    expect(got.parcels).toEqual([{ code: p.code, division: { code: p.divisionCode }, holderLegalPerson: { id: got.id, uscc: lp.uscc, name: lp.name } }]);
    const site = legalPersonSite(lp);
    expect(got.registeredLocation).toEqual({ text: lp.registeredAddress, division: { code: site.divisionCode }, location: { coordinates: site.location } });
  });

  test("every legal person's registered location lies inside its registered division's box", async () => {
    const r = await gql(
      graphql(`
        query GeoLegalPersonsLocations {
          legalPersons(first: 500) {
            edges {
              node {
                uscc
                registeredDivisionCode
                registeredLocation {
                  division {
                    code
                  }
                  location {
                    coordinates
                  }
                }
              }
            }
          }
        }
      `),
    );
    expect(r.errors).toBeUndefined();
    const edges = r.data.legalPersons.edges;
    expect(edges).toHaveLength(Math.min(500, legalPersonCount(scale())));
    let cityLevel = 0;
    for (const { node } of edges) {
      const [lon, lat] = node.registeredLocation.location.coordinates;
      for (const code of [node.registeredDivisionCode, node.registeredLocation.division.code]) {
        const [minLon, minLat, maxLon, maxLat] = divisionByCode(code).bbox;
        expect(lon > minLon && lon < maxLon && lat > minLat && lat < maxLat).toBe(true);
      }
      if (node.registeredDivisionCode === '430400') cityLevel++;
      else expect(node.registeredLocation.division.code).toBe(node.registeredDivisionCode);
    }
    expect(cityLevel).toBeGreaterThan(0); // city-level bodies sit in the county their address names
  });

  test('no N+1: statements for parcels and registered locations of a page do not grow with its size', async () => {
    const q = graphql(`
      query GeoLegalPersonsNested($n: Int!) {
        legalPersons(first: $n) {
          edges {
            node {
              parcels {
                code
              }
              registeredLocation {
                text
              }
            }
          }
        }
      }
    `);
    const small = await countSql(() => gql(q, { n: 10 }));
    const large = await countSql(() => gql(q, { n: 100 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data.legalPersons.edges).toHaveLength(100);
    expect(large.result.data.legalPersons.edges.some((e: any) => e.node.parcels.length > 0)).toBe(true);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(4);
  });
});

describe('policy declared by the geospatial subgraph', () => {
  const lpWithParcel = () => {
    const p = parcels().find((x) => x.holderKind === 'LEGAL_PERSON' && x.unitPrice !== null)!;
    return { p, lp: syntheticLegalPerson(p.holderIndex, scale()) };
  };

  const LAND_TAX = '城镇土地使用税税源核查';

  /** taxation applies for Address.text with its purpose through the workflow (the item is in the
   *  catalogue since issue 10); the bureau and the provider approve, the provider provisions; the
   *  grant sets no mask of its own. */
  beforeAll(async () => {
    const app = await approved('taxation', { items: ['Address.text'], purpose: LAND_TAX, justification: '核查城镇土地使用税纳税人的土地坐落' });
    expect(ok(await provision('natural-resources', app.id)).provisionSharingApplication.status).toBe('PROVISIONED');
    await new Promise((r) => setTimeout(r, 300)); // LISTEN/NOTIFY reaches the subgraphs well within this
  });

  test('another agency: transaction price refused citing its basis; address text needs a grant, then is masked to the district', async () => {
    const { p, lp } = lpWithParcel();
    const q = graphql(`
      query GeoLegalPersonPolicy($u: String!) {
        legalPersonByUscc(uscc: $u) {
          registeredLocation {
            text
          }
          parcels {
            code
            areaSquareMeters
            transactionPrice
          }
        }
      }
    `);
    const r = await rawGql(q, { u: lp.uscc }, await asAgency('taxation'));
    const got = r.data.legalPersonByUscc;
    expect(got.registeredLocation.text).toBeNull();
    expect(got.parcels[0]).toMatchObject({ code: p.code, transactionPrice: null });
    expect(got.parcels[0].areaSquareMeters).toBeGreaterThan(0);
    const refusal = r.errors?.find((e) => e.path?.includes('transactionPrice'));
    expect(refusal?.extensions).toMatchObject({ code: 'FORBIDDEN', item: 'LandParcel.transactionPrice', sharingType: 'NONE', provider: 'natural-resources' });
    expect(refusal?.extensions?.basis).toMatch(/不动产登记暂行条例》第二十七条/);
    expect(r.errors?.find((e) => e.path?.includes('text'))?.extensions).toMatchObject({ code: 'FORBIDDEN', item: 'Address.text', sharingType: 'CONDITIONAL' });

    const granted = await rawGql(q, { u: lp.uscc }, await asAgency('taxation', LAND_TAX));
    const site = legalPersonSite(lp);
    const masked = granted.data.legalPersonByUscc.registeredLocation.text;
    expect(masked).toBe(applyMask(lp.registeredAddress, 'ADDRESS_DISTRICT', { hashKey: hashKey() }));
    expect(masked).toBe(divisionByCode(site.divisionCode).fullName);

    const own = await gql(q, { u: lp.uscc });
    expect(own.errors).toBeUndefined();
    expect(own.data.legalPersonByUscc.registeredLocation.text).toBe(lp.registeredAddress);
    const area = Math.round(ringAreaSquareMeters(p.ring) * 100) / 100;
    expect(own.data.legalPersonByUscc.parcels[0].transactionPrice).toBe(Math.round((area * p.unitPrice!) / 100) * 100);
  });

  test("a natural person's holding needs a grant; the provider reads everything in full", async () => {
    const p = parcels().find((x) => x.holderKind === 'PERSON')!;
    const [lon, lat] = cellMiddle(p.cell);
    const q = graphql(`
      query GeoParcelHolder($lon: Float!, $lat: Float!) {
        parcelAt(lon: $lon, lat: $lat) {
          code
          holderKind
          holderPerson {
            id
          }
        }
      }
    `);
    const other = await rawGql(q, { lon, lat }, await asAgency('taxation'));
    expect(other.data.parcelAt).toEqual({ code: p.code, holderKind: 'PERSON', holderPerson: null });
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', item: 'LandParcel.holderPerson', sharingType: 'CONDITIONAL' });
    const own = await gql(q, { lon, lat });
    expect(own.errors).toBeUndefined();
    expect(own.data.parcelAt.holderPerson.id).toBe(personKey(p.holderNaturalId));
  });

  test('parcel codes and land use are open data; the boundary is not', async () => {
    const p = parcels()[0];
    const open = await rawGql(`query($c: String!) { parcel(code: $c) { code landUse landUseName } }`, { c: p.code });
    expect(open.errors).toBeUndefined();
    expect(open.data.parcel).toMatchObject({ code: p.code, landUseName: LAND_USE_CLASSES[p.landUse] });
    // Without a token the router refuses a query that touches anything not open (HTTP 401)…
    const closed = await rawGql(`query($c: String!) { parcel(code: $c) { code boundary { type } } }`, { c: p.code });
    expect(closed.status).toBe(401);
    expect(closed.errors?.[0].extensions?.items).toEqual(['LandParcel.boundary']);
    // …and the subgraph itself, called directly, refuses that field alone.
    const direct = await rawGql(`query($c: String!) { parcel(code: $c) { code boundary { type } } }`, { c: p.code }, {}, subgraphUrl('geospatial'));
    expect(direct.data.parcel).toMatchObject({ code: p.code, boundary: null });
    expect(direct.errors?.map((e) => e.path?.join('.'))).toEqual(['parcel.boundary']);
  });
});

describe('query plans: the spatial lookups use their GiST indexes', () => {
  /** The resolver's SQL with its ? bindings written in as literals (numbers only). */
  const inline = (sql: string, values: number[]) => sql.replace(/\?/g, () => String(values.shift()));

  async function plan(sql: string): Promise<string> {
    return withDb('geospatial', async (c) => {
      // The seeded table is small: forbid sequential scans so that the plan shows whether the
      // index CAN serve the operator (it could not for polygon @> point, for instance).
      await c.query('SET enable_seqscan = off');
      const res = await c.query(`EXPLAIN (FORMAT JSON) ${sql}`);
      return JSON.stringify(res.rows[0]['QUERY PLAN']);
    });
  }

  test('parcelAt (point in polygon) scans land_parcel_boundary_idx', async () => {
    const [lon, lat] = cellMiddle(parcels()[0].cell);
    const text = await plan(inline(PARCEL_AT_SQL, [lon, lat, lon, lat, lon, lat]));
    expect(text).toContain('land_parcel_boundary_idx');
    expect(text).not.toContain('Seq Scan');
  });

  test('parcelsWithin a small box scans land_parcel_boundary_idx', async () => {
    const box = [112.55, 26.88, 112.56, 26.89];
    const text = await plan(inline(parcelsWithinSql(box, true), [...box, 0, 21]).replace('code > 0', "code > '0'"));
    expect(text).toContain('land_parcel_boundary_idx');
    expect(text).not.toContain('Seq Scan');
  });

  test('addressesNear scans address_location_idx', async () => {
    const [minLon, minLat, maxLon, maxLat] = searchBox([112.6, 26.9], 1000);
    const text = await plan(inline(ADDRESSES_NEAR_SQL, [112.6, 26.9, 26.9, minLon, minLat, maxLon, maxLat, 1000, 20]));
    expect(text).toContain('address_location_idx');
    expect(text).not.toContain('Seq Scan');
  });
});
