/** The synthetic geospatial city and the geometry helpers, without a database. */
import { COUNTY_DIVISIONS, divisionByCode } from '../../reference/divisions';
import { legalPersonCount } from '../../seed/synthetic/city';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import {
  addressPoint,
  cellMiddle,
  doorPlate,
  legalPersonSite,
  parcelCapacity,
  parcelCell,
  personParcels,
  syntheticAddresses,
  syntheticParcels,
} from '../../seed/synthetic/geospatial';
import { distanceMeters, pgPolygon, PointColumn, PolygonColumn, polygonGeometry, ringAreaSquareMeters, searchBox } from '../../subgraphs/geospatial/geometry';
import { assertBbox, assertLatitude, assertParcelCode, assertRadius } from '../../subgraphs/geospatial/args';

const SCALE = 3000;
const inBox = ([lon, lat]: number[], [minLon, minLat, maxLon, maxLat]: readonly number[]) => lon > minLon && lon < maxLon && lat > minLat && lat < maxLat;

describe('synthetic parcels', () => {
  const parcels = [...syntheticParcels(SCALE)];

  it('has about one parcel per ten persons and per three legal persons', () => {
    const persons = parcels.filter((p) => p.holderKind === 'PERSON').length;
    const legal = parcels.length - persons;
    expect(persons / SCALE).toBeGreaterThan(0.07);
    expect(persons / SCALE).toBeLessThan(0.13);
    expect(legal / legalPersonCount(SCALE)).toBeGreaterThan(0.25);
    expect(legal / legalPersonCount(SCALE)).toBeLessThan(0.4);
  });

  it('gives unique, well-formed codes and distinct cells, each parcel inside its division', () => {
    expect(new Set(parcels.map((p) => p.code)).size).toBe(parcels.length);
    expect(new Set(parcels.map((p) => `${p.divisionCode}:${p.cell.col}:${p.cell.row}`)).size).toBe(parcels.length);
    for (const p of parcels) {
      expect(p.code).toMatch(/^\d{6}\d{3}\d{3}[GJ][BCDEY]\d{5}$/);
      expect(p.code.slice(0, 6)).toBe(p.divisionCode);
      const box = divisionByCode(p.divisionCode).bbox;
      for (const corner of p.ring) expect(inBox(corner, box)).toBe(true);
      // Corners stay 5-30 % of a cell inside their own cell's corner: no overlap, middle inside.
      const [sw, se, ne, nw] = p.ring;
      const s = p.cell.size;
      expect(sw[0] - p.cell.lon).toBeGreaterThanOrEqual(0.049 * s);
      expect(p.cell.lon + s - se[0]).toBeGreaterThanOrEqual(0.049 * s);
      expect(p.cell.lat + s - ne[1]).toBeGreaterThanOrEqual(0.049 * s);
      expect(nw[1] - p.cell.lat).toBeLessThanOrEqual(s);
      expect(inBox(cellMiddle(p.cell), [p.cell.lon, p.cell.lat, p.cell.lon + s, p.cell.lat + s])).toBe(true);
      const area = ringAreaSquareMeters(p.ring);
      expect(area).toBeGreaterThan(10);
      expect(area).toBeLessThan(5000);
    }
  });

  it('weights land use by holder: homes and shops for townspeople, farmland for villagers, business land for enterprises', () => {
    const use = (kind: string, urban: boolean) =>
      parcels.filter((p) => p.holderKind === kind && (divisionByCode(p.divisionCode).level === 'DISTRICT') === urban).map((p) => p.landUse);
    expect(use('PERSON', true).every((u) => u === '07' || u === '05')).toBe(true);
    expect(use('PERSON', false)).toEqual(expect.arrayContaining(['01', '07']));
    const legal = parcels.filter((p) => p.holderKind === 'LEGAL_PERSON').map((p) => p.landUse);
    expect(legal.filter((u) => u === '05' || u === '06').length / legal.length).toBeGreaterThan(0.5);
    for (const p of parcels) {
      if (p.featureCode[0] === 'J') expect(p.unitPrice).toBeNull(); // collective land: no transfer price
      if (p.landUse === '08') expect(p.unitPrice).toBeNull(); // allocated (划拨)
    }
  });

  it('is deterministic, and person parcels do not depend on the scale', () => {
    const again = [...personParcels(SCALE)];
    const larger = [...personParcels(SCALE * 2)];
    expect(larger.slice(0, again.length)).toEqual(again);
  });

  it('refuses a slot beyond the grid with a clear error', () => {
    const d = divisionByCode('430408');
    expect(() => parcelCell(d, 2 * parcelCapacity(d) + 2)).toThrow(/room for \d+ parcels/);
    expect(() => parcelCell(divisionByCode('430400'), 0)).toThrow(/county-level/);
  });
});

describe('synthetic addresses', () => {
  it('puts every address inside its division box, rooms of a building on one point', () => {
    for (const a of syntheticAddresses(1000)) {
      expect(a.text.startsWith(divisionByCode(a.divisionCode).fullName)).toBe(true);
      expect(inBox(a.location, divisionByCode(a.divisionCode).bbox)).toBe(true);
    }
    const d = COUNTY_DIVISIONS[3];
    expect(doorPlate(`${d.fullName}解放大道12号3栋1单元501室`)).toBe(`${d.fullName}解放大道12号`);
    expect(addressPoint(`${d.fullName}解放大道12号3栋1单元501室`, d)).toEqual(addressPoint(`${d.fullName}解放大道12号8栋2单元101室`, d));
    expect(addressPoint(`${d.fullName}解放大道12号`, d)).not.toEqual(addressPoint(`${d.fullName}解放大道13号`, d));
  });

  it('gives every legal person a site in its registered division (a county of the city for 430400)', () => {
    let cityLevel = 0;
    for (let k = 0; k < legalPersonCount(SCALE); k++) {
      const lp = syntheticLegalPerson(k, SCALE);
      const site = legalPersonSite(lp);
      expect(inBox(site.location, divisionByCode(lp.registeredDivisionCode).bbox)).toBe(true);
      if (lp.registeredDivisionCode === '430400') cityLevel++;
      else expect(site.divisionCode).toBe(lp.registeredDivisionCode);
    }
    expect(cityLevel).toBeGreaterThan(0);
  });
});

describe('geometry', () => {
  it('measures a 0.001° square at 27° N as about 99 m × 111 m', () => {
    const ring = [
      [112, 27],
      [112.001, 27],
      [112.001, 27.001],
      [112, 27.001],
    ] as [number, number][];
    const expected = 0.001 * Math.cos((27.0005 * Math.PI) / 180) * 111_320 * 0.001 * 110_540;
    expect(ringAreaSquareMeters(ring)).toBeCloseTo(expected, 6);
    expect(ringAreaSquareMeters(polygonGeometry(ring).coordinates[0])).toBeCloseTo(expected, 6); // closed ring too
    expect(distanceMeters([112, 27], [112, 27.001])).toBeCloseTo(110.54, 6);
    expect(distanceMeters([112, 27], [112.001, 27])).toBeCloseTo(0.001 * Math.cos((27 * Math.PI) / 180) * 111_320, 6);
  });

  it('round-trips PostgreSQL geometry text and GeoJSON', () => {
    const ring = [
      [112.1234567, 26.1],
      [112.2, 26.1],
      [112.2, 26.2],
    ] as [number, number][];
    expect(pgPolygon(ring)).toBe('((112.1234567,26.1),(112.2,26.1),(112.2,26.2))');
    const polygon = new PolygonColumn().convertToJSValue(pgPolygon(ring));
    expect(polygon).toEqual({ type: 'Polygon', coordinates: [[...ring, ring[0]]] });
    expect(new PolygonColumn().convertToDatabaseValue(polygon)).toBe(pgPolygon(ring));
    expect(new PointColumn().convertToJSValue({ x: 112.5, y: -26.5e-3 })).toEqual({ type: 'Point', coordinates: [112.5, -0.0265] });
    expect(new PointColumn().convertToJSValue('(1e-7,2)')).toEqual({ type: 'Point', coordinates: [1e-7, 2] });
  });

  it('makes a search box that holds the circle', () => {
    const [minLon, minLat, maxLon, maxLat] = searchBox([112.6, 26.9], 1000);
    expect(distanceMeters([112.6, 26.9], [112.6, maxLat])).toBeCloseTo(1000, 6);
    expect(distanceMeters([112.6, 26.9], [maxLon, 26.9])).toBeGreaterThanOrEqual(1000);
    expect(minLon).toBeLessThan(112.6);
    expect(minLat).toBeLessThan(26.9);
  });
});

describe('geographic argument validation', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e: any) {
      return e.extensions;
    }
    return undefined;
  };

  it('names the argument of every malformed value', () => {
    expect(code(() => assertLatitude(Number.NaN))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'lat' });
    expect(code(() => assertRadius(Infinity))).toMatchObject({ argument: 'radiusMeters' });
    expect(code(() => assertBbox([1, 2, 3]))).toMatchObject({ argument: 'bbox' });
    expect(code(() => assertParcelCode('430408001001gb0002'))).toMatchObject({ argument: 'code' });
    expect(assertParcelCode(' 430408001001gb00023 ')).toBe('430408001001GB00023');
    expect(assertBbox([112.5, 26.8, 112.5, 26.8])).toEqual([112.5, 26.8, 112.5, 26.8]); // a point-sized box is a valid question
  });
});
