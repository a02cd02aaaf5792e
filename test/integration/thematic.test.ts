/**
 * The thematic query (主题数据库: 综合治税, 普惠金融, 商事主体): one request through the router
 * crosses all five base databases, for one enterprise and for a page of them, with statements
 * per request that do not grow with the page.
 */
import { asAgency, countSql, gql } from '../support/client';
import { graphql } from '../generated';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticPerson } from '../../seed/synthetic/people';
import { legalPersonParcels, personParcels } from '../../seed/synthetic/geospatial';
import { syntheticLegalPersonCreditRecords } from '../../seed/synthetic/credit';
import { rateCredit } from '../../subgraphs/credit/rating';
import { divisionByCode } from '../../reference/divisions';
import { applyMask } from '../../platform/masking';

const AS_OF = '2025-12-31';
const scale = () => Number(process.env.TEST_SEED_SCALE);

// Typed from the supergraph (npm run codegen): the asOf literal is AS_OF above.
graphql(`
  fragment ThematicEnterprise on LegalPerson {
    name
    uscc
    kind
    status
    registeredAddress
    contactPhone
    registeredLocation {
      text
      location {
        type
        coordinates
      }
      division {
        code
        name
      }
    }
    licenses {
      number
      status
      type {
        name
      }
    }
    creditProfile(asOf: "2025-12-31") {
      rating
      onBlacklistNow
      blacklists
    }
    parcels {
      code
      landUseName
      areaSquareMeters
      boundary {
        type
        coordinates
      }
    }
    legalRepresentative {
      name
      idNumber
      licenses {
        number
        status
        type {
          name
        }
      }
      creditProfile(asOf: "2025-12-31") {
        rating
        onBlacklistNow
      }
      parcels {
        code
        boundary {
          type
          coordinates
        }
      }
    }
  }
`);

export const THEMATIC_QUERY = graphql(`
  query Thematic($uscc: String!) {
    legalPersonByUscc(uscc: $uscc) {
      ...ThematicEnterprise
    }
  }
`);
const PAGE_QUERY = graphql(`
  query ThematicPage($n: Int!) {
    legalPersons(first: $n) {
      edges {
        node {
          ...ThematicEnterprise
        }
      }
    }
  }
`);

const taxation = () => asAgency('taxation', '综合治税');

/** An active enterprise of the seed that holds a parcel, so that every part of the answer has data. */
function pickEnterprise(): number {
  const withParcels = new Set([...legalPersonParcels(scale())].map((p) => p.holderIndex));
  for (let k = 0; k < scale() / 5; k++) {
    const lp = syntheticLegalPerson(k, scale());
    if (lp.kind === 'ENTERPRISE' && lp.status === 'ACTIVE' && withParcels.has(k)) return k;
  }
  throw new Error('no enterprise with a parcel in the seed');
}

describe('the thematic query through the router', () => {
  test('one enterprise: registration, representative, licences, credit, location and parcels with geometry', async () => {
    const k = pickEnterprise();
    const lp = syntheticLegalPerson(k, scale());
    const rep = syntheticPerson(lp.legalRepresentativeIndex);
    const r = await gql(THEMATIC_QUERY, { uscc: lp.uscc }, await taxation());
    expect(r.errors).toBeUndefined();
    const e = r.data.legalPersonByUscc;

    expect(e).toMatchObject({ name: lp.name, uscc: lp.uscc, status: 'ACTIVE', contactPhone: lp.contactPhone });
    // taxation's grant keeps the items' default masks for the representative's name and ID number.
    const hashKey = process.env.PLATFORM_HMAC_KEY!;
    expect(e.legalRepresentative).toMatchObject({
      name: applyMask(rep.name, 'SURNAME', { hashKey }),
      idNumber: applyMask(rep.idNumber, 'ID_NUMBER', { hashKey }),
    });
    // 营业执照: numbered by the USCC, as real business licences are. License.number is masked by
    // default (for ID cards it is the ID number), and taxation's grant keeps that default.
    const maskedUscc = applyMask(lp.uscc, 'ID_NUMBER', { hashKey: process.env.PLATFORM_HMAC_KEY! });
    expect(e.licenses.map((l) => l.number)).toContain(maskedUscc);
    expect(e.licenses.find((l) => l.number === maskedUscc)!.type.name).toBe('营业执照');
    expect(e.legalRepresentative.licenses.map((l) => l.type.name)).toContain('居民身份证');

    const expected = rateCredit(syntheticLegalPersonCreditRecords(k, scale()), AS_OF);
    expect(e.creditProfile.rating).toBe(expected.rating);
    expect(e.creditProfile.onBlacklistNow).toBe(expected.onBlacklistNow);

    const [lon, lat] = e.registeredLocation.location.coordinates;
    const division = divisionByCode(e.registeredLocation.division.code);
    expect(lon).toBeGreaterThanOrEqual(division.bbox[0]);
    expect(lat).toBeGreaterThanOrEqual(division.bbox[1]);
    expect(lon).toBeLessThanOrEqual(division.bbox[2]);
    expect(lat).toBeLessThanOrEqual(division.bbox[3]);

    const parcelCodes = [...legalPersonParcels(scale())]
      .filter((p) => p.holderIndex === k)
      .map((p) => p.code)
      .sort();
    expect(e.parcels.map((p) => p.code).sort()).toEqual(parcelCodes);
    for (const p of e.parcels) {
      expect(p.boundary.type).toBe('Polygon');
      const ring = p.boundary.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(p.areaSquareMeters).toBeGreaterThan(0);
    }
    const repParcels = [...personParcels(scale())]
      .filter((p) => p.holderIndex === lp.legalRepresentativeIndex)
      .map((p) => p.code)
      .sort();
    expect(e.legalRepresentative.parcels.map((p) => p.code).sort()).toEqual(repParcels);
  });

  test('the list form answers a page of enterprises with the same nested fields', async () => {
    const r = await gql(PAGE_QUERY, { n: 20 }, await taxation());
    expect(r.errors).toBeUndefined();
    const nodes = r.data.legalPersons.edges.map((x) => x.node);
    expect(nodes).toHaveLength(20);
    for (const n of nodes) {
      expect(n.legalRepresentative.name).toBeTruthy();
      expect(['A', 'B', 'C', 'D']).toContain(n.creditProfile.rating);
      expect(n.registeredLocation.location.type).toBe('Point');
    }
  });

  test('SQL statements per request do not grow with the page size', async () => {
    const headers = await taxation();
    const small = await countSql(() => gql(PAGE_QUERY, { n: 10 }, headers));
    const large = await countSql(() => gql(PAGE_QUERY, { n: 100 }, headers));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(large.result.data.legalPersons.edges).toHaveLength(100);
    expect(large.statements).toBe(small.statements);
  });
});
