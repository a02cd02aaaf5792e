/**
 * One file on purpose (over 300 lines): the generator of one register, a single deterministic stream that must not be split across modules.
 *
 * Synthetic 自然资源和空间地理基础库 of Hengyang: standard addresses, legal persons' registered
 * locations and land parcels (宗地). Everything is a pure function of the synthetic city (persons
 * and legal persons by index), so the geospatial seed, other subgraphs' seeds and the tests derive
 * the same records without reading a database.
 *
 * Addresses. One standard address per seeded household (the household register's address) and
 * one per legal person (its 住所); equal texts are one address. The point of an address is a
 * function of its door plate (the text up to the first "…号"): every room of a building shares
 * the building's point, which lies inside the bounding box of the address's county-level unit.
 *
 * Parcels. Each county-level unit's bounding box is cut into a grid of square cells (0.00015° in
 * the five urban districts, about 15 m × 17 m; 0.0005° in the counties, about 50 m × 55 m). Cells
 * are numbered row by row from the south-west; slot s of a division is the cell
 * (a·s + b) mod cells, an affine bijection that scatters parcels over the box. Natural persons'
 * parcels take even slots (2n for their division's n-th person parcel), legal persons' odd slots,
 * so where a parcel lies never depends on how many parcels of the other kind exist, nor on the
 * scale (person parcels at scale N are exactly the first ones at any larger scale). A
 * parcel is a quadrilateral whose corners are drawn inward, 5 % to 30 % of a cell, from its
 * cell's corners: parcels never overlap or touch, and each contains the middle of its cell.
 *
 * Parcel codes follow 不动产单元设定与代码编制规则 (GB/T 37346-2019) for the 宗地 part: six-digit
 * division code, three-digit 地籍区 and three-digit 地籍子区 (here 100 × 100-cell blocks of the grid,
 * numbered from 001 by row and column), two-letter 宗地特征码 (G state / J collective ownership;
 * B construction land use right, C homestead, D contracted cultivated land, E contracted forest
 * land, Y other use right) and a five-digit serial (the cell within its block, from 00001).
 * Example: 430408 002004 GB00011 → 430408002004GB00011.
 */
import { COUNTY_DIVISIONS, Division, divisionByCode, isUrban } from '../../reference/divisions';
import { legalPersonCount } from './city';
import { syntheticLegalPerson, SyntheticLegalPerson } from './enterprises';
import { householdMembers, syntheticHousehold, syntheticPerson, SyntheticPerson, SYNTHETIC_REFERENCE_YEAR } from './people';
import { Rng, rngFor } from './random';
import type { LandUseCode } from '../../reference/land-use';

export type LonLat = [lon: number, lat: number];

// ---- addresses -----------------------------------------------------------------------------

export interface SyntheticAddress {
  text: string;
  /** County-level unit the address lies in. */
  divisionCode: string;
  location: LonLat;
  /**
   * A household's address (户籍地址): it carries Person.householdAddress, so Address.text serves it
   * under that stricter item (issue 8, class 13). An address that is both a household's and a
   * legal person's (a business run from home) is a household address.
   */
  household?: boolean;
}

/** Coordinates rounded to 1e-7° (about a centimetre): exact in text, stable in the database. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** FNV-1a of a string, for a door plate's random stream. */
function fnv32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The door plate of an address: the text up to its first house number (…号), or all of it. */
export const doorPlate = (text: string) => /^.*?\d+号/.exec(text)?.[0] ?? text;

/** The county-level unit an address text starts with (湖南省衡阳市蒸湘区…); throws if none. */
export function divisionOfAddress(text: string): Division {
  const d = COUNTY_DIVISIONS.find((c) => text.startsWith(c.fullName));
  if (!d) throw new RangeError(`address ${JSON.stringify(text)} does not start with a Hengyang county-level unit`);
  return d;
}

/** The point of an address: its door plate's, strictly inside the division's bounding box. */
export function addressPoint(text: string, division: Division): LonLat {
  const rng = rngFor('address-point', fnv32(doorPlate(text)));
  const [minLon, minLat, maxLon, maxLat] = division.bbox;
  return [round7(minLon + (0.01 + 0.98 * rng.next()) * (maxLon - minLon)), round7(minLat + (0.01 + 0.98 * rng.next()) * (maxLat - minLat))];
}

export function syntheticAddress(text: string, division = divisionOfAddress(text)): SyntheticAddress {
  return { text, divisionCode: division.code, location: addressPoint(text, division) };
}

/** Households seeded at this scale: those whose head is one of the first `scale` persons. */
export function* seededHouseholds(scale: number) {
  for (let h = 0; householdMembers(h)[0] < scale; h++) {
    const household = syntheticHousehold(h);
    if (household.headIndex < scale) yield household;
  }
}

/** The registered location of legal person #k: its 住所 as a standard address. Legal persons
 *  registered by the city itself (430400) sit in the urban district their address names. */
export function legalPersonSite(lp: SyntheticLegalPerson): SyntheticAddress {
  return syntheticAddress(lp.registeredAddress);
}

/** Every address of the synthetic city at this scale, households first; texts may repeat (the
 *  seed keeps one address per text: equal texts give equal records). */
export function* syntheticAddresses(scale: number): Generator<SyntheticAddress> {
  for (const h of seededHouseholds(scale)) yield { ...syntheticAddress(h.address, divisionByCode(h.divisionCode)), household: true };
  for (let k = 0; k < legalPersonCount(scale); k++) yield { ...legalPersonSite(syntheticLegalPerson(k, scale)), household: false };
}

// ---- parcels -------------------------------------------------------------------------------

export interface ParcelGrid {
  division: Division;
  /** Cell side in degrees (longitude and latitude alike). */
  cell: number;
  cols: number;
  rows: number;
  cells: number;
  /** Multiplier of the slot → cell bijection, coprime to `cells`. */
  stride: number;
  offset: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
/** Cells per side of a 地籍子区. */
const BLOCK = 100;

const grids = new Map<string, ParcelGrid>();

export function parcelGrid(division: Division): ParcelGrid {
  let grid = grids.get(division.code);
  if (!grid) {
    if (division.level === 'CITY') throw new RangeError('parcels lie in county-level units, not in the city as a whole');
    // 0.00015° in town: at 6.6 M persons 蒸湘区 needs about 44,000 parcels of one holder kind, more
    // than the 40,625 a 0.0002° grid holds (the next tightest, 雁峰区 and 石鼓区, need 58 % and 62 %
    // of this grid's room; counted with syntheticPerson/syntheticLegalPerson over the 6.6 M city).
    const cell = isUrban(division) ? 0.00015 : 0.0005;
    const [minLon, minLat, maxLon, maxLat] = division.bbox;
    const cols = Math.floor((maxLon - minLon) / cell + 1e-9);
    const rows = Math.floor((maxLat - minLat) / cell + 1e-9);
    const cells = cols * rows;
    let stride = 2_654_435_761 % cells; // Knuth's multiplicative constant, moved to the next coprime
    while (gcd(stride, cells) !== 1) stride++;
    grid = { division, cell, cols, rows, cells, stride, offset: Number(BigInt(division.code) % BigInt(cells)) };
    grids.set(division.code, grid);
  }
  return grid;
}

/** Parcels each holder kind can have in a division: half of its cells. */
export const parcelCapacity = (division: Division) => Math.floor(parcelGrid(division).cells / 2);

export interface ParcelCell {
  col: number;
  row: number;
  /** South-west corner. */
  lon: number;
  lat: number;
  size: number;
}

export function parcelCell(division: Division, slot: number): ParcelCell {
  const g = parcelGrid(division);
  if (!Number.isSafeInteger(slot) || slot < 0 || slot >= g.cells) {
    throw new RangeError(`${division.name} has room for ${Math.floor(g.cells / 2)} parcels of each holder kind; slot ${slot} is beyond it (scale too large)`);
  }
  const index = (slot * g.stride + g.offset) % g.cells; // < 2^53: cells < 10^7
  const col = index % g.cols;
  const row = Math.floor(index / g.cols);
  return { col, row, lon: g.division.bbox[0] + col * g.cell, lat: g.division.bbox[1] + row * g.cell, size: g.cell };
}

/** The middle of a cell: inside its parcel, whatever the parcel's shape. */
export const cellMiddle = (c: ParcelCell): LonLat => [c.lon + c.size / 2, c.lat + c.size / 2];

export type HolderKind = 'PERSON' | 'LEGAL_PERSON';

export interface SyntheticParcel {
  /** 宗地代码, 19 characters. */
  code: string;
  divisionCode: string;
  slot: number;
  cell: ParcelCell;
  landUse: LandUseCode;
  /** 宗地特征码: G state / J collective, then B, C, D, E or Y. */
  featureCode: string;
  /** Exterior ring, counter-clockwise from the south-west corner, not repeated at the end. */
  ring: LonLat[];
  holderKind: HolderKind;
  /** Person or legal-person index of the right holder. */
  holderIndex: number;
  /** ID number (person) or USCC (legal person) of the right holder. */
  holderNaturalId: string;
  /** CNY per m² of the last recorded transfer, for state-owned construction land that was sold
   *  (not allocated, 划拨); null otherwise. */
  unitPrice: number | null;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function parcelCode(division: Division, cell: ParcelCell, featureCode: string): string {
  const zone = Math.floor(cell.row / BLOCK) + 1;
  const subzone = Math.floor(cell.col / BLOCK) + 1;
  const serial = (cell.row % BLOCK) * BLOCK + (cell.col % BLOCK) + 1;
  return `${division.code}${pad(zone, 3)}${pad(subzone, 3)}${featureCode}${pad(serial, 5)}`;
}

/** A quadrilateral inside the cell: each corner drawn 5-30 % of the cell inward from the cell's. */
function parcelRing(cell: ParcelCell, rng: Rng): LonLat[] {
  const inset = () => (0.05 + 0.25 * rng.next()) * cell.size;
  const x0 = cell.lon;
  const y0 = cell.lat;
  const x1 = cell.lon + cell.size;
  const y1 = cell.lat + cell.size;
  return [
    [round7(x0 + inset()), round7(y0 + inset())],
    [round7(x1 - inset()), round7(y0 + inset())],
    [round7(x1 - inset()), round7(y1 - inset())],
    [round7(x0 + inset()), round7(y1 - inset())],
  ];
}

const ageOf = (p: SyntheticPerson) => SYNTHETIC_REFERENCE_YEAR - Number(p.birthDate.slice(0, 4));

/** About one person in ten holds a parcel: living adults, one in eight of them. */
export function personHoldsParcel(p: SyntheticPerson): boolean {
  return p.status === 'ALIVE' && ageOf(p) >= 18 && rngFor('parcel-holder-person', p.index).chance(0.125);
}

/** About one legal person in three holds a parcel: those not deregistered, 36 % of them. */
export function legalPersonHoldsParcel(lp: SyntheticLegalPerson): boolean {
  return lp.status !== 'CANCELLED' && rngFor('parcel-holder-legal-person', lp.index).chance(0.36);
}

type Use = readonly [LandUseCode, string]; // land use, 宗地特征码

/** Urban residents hold flats' land (state-owned); villagers homesteads and contracted land. */
function personLandUse(p: SyntheticPerson, division: Division, rng: Rng): Use {
  if (isUrban(division))
    return rng.weightedPick<Use>([
      [['07', 'GB'], 90],
      [['05', 'GB'], 10],
    ]);
  if (/村\d+组/.test(p.householdAddress)) {
    return rng.weightedPick<Use>([
      [['01', 'JD'], 45],
      [['07', 'JC'], 35],
      [['02', 'JD'], 10],
      [['03', 'JE'], 10],
    ]);
  }
  return rng.weightedPick<Use>([
    [['07', 'GB'], 85],
    [['05', 'GB'], 15],
  ]); // county towns
}

/** Enterprises by business scope, cooperatives by product, public bodies on public land. */
function legalPersonLandUse(lp: SyntheticLegalPerson): Use {
  switch (lp.kind) {
    case 'INDIVIDUAL_BUSINESS':
      return ['05', 'GB'];
    case 'INSTITUTION':
    case 'SOCIAL_ORGANISATION':
      return ['08', 'GB'];
    case 'FARMERS_COOPERATIVE':
      if (lp.name.includes('水产')) return ['11', 'JY'];
      if (lp.name.includes('油茶')) return ['03', 'JE'];
      if (/茶叶|柑橘|中药材/.test(lp.name)) return ['02', 'JD'];
      if (/生猪|农机/.test(lp.name)) return ['12', 'JY']; // 设施农用地
      return ['01', 'JD'];
    case 'ENTERPRISE':
      if (lp.businessScope.includes('房地产')) return ['07', 'GB'];
      if (lp.businessScope.includes('种植')) return ['01', 'JD'];
      if (/制造|仓储|食品生产|污水/.test(lp.businessScope)) return ['06', 'GB'];
      return ['05', 'GB'];
  }
}

/** Transfer price per m² of state-owned construction land; allocated public land has none. */
function unitPrice(use: Use, rng: Rng): number | null {
  if (use[1] !== 'GB') return null;
  switch (use[0]) {
    case '05':
      return rng.int(2500, 9000);
    case '06':
      return rng.int(300, 900);
    case '07':
      return rng.int(1500, 6000);
    default:
      return null; // 08: 划拨
  }
}

function makeParcel(
  division: Division,
  slot: number,
  use: Use,
  holderKind: HolderKind,
  holderIndex: number,
  holderNaturalId: string,
  rng: Rng,
): SyntheticParcel {
  const cell = parcelCell(division, slot);
  return {
    code: parcelCode(division, cell, use[1]),
    divisionCode: division.code,
    slot,
    cell,
    landUse: use[0],
    featureCode: use[1],
    ring: parcelRing(cell, rng),
    holderKind,
    holderIndex,
    holderNaturalId,
    unitPrice: unitPrice(use, rng),
  };
}

/** Parcels of natural persons among the first `scale` persons, in person order. */
export function* personParcels(scale: number): Generator<SyntheticParcel> {
  const serials = new Map<string, number>();
  for (let i = 0; i < scale; i++) {
    const p = syntheticPerson(i);
    if (!personHoldsParcel(p)) continue;
    const division = divisionByCode(p.householdDivisionCode);
    const n = serials.get(division.code) ?? 0;
    serials.set(division.code, n + 1);
    const rng = rngFor('parcel-person', i);
    yield makeParcel(division, 2 * n, personLandUse(p, division, rng), 'PERSON', i, p.idNumber, rng);
  }
}

/** Parcels of legal persons at this scale, in legal-person order, in the county of their 住所. */
export function* legalPersonParcels(scale: number): Generator<SyntheticParcel> {
  const serials = new Map<string, number>();
  for (let k = 0; k < legalPersonCount(scale); k++) {
    const lp = syntheticLegalPerson(k, scale);
    if (!legalPersonHoldsParcel(lp)) continue;
    const division = divisionOfAddress(lp.registeredAddress);
    const n = serials.get(division.code) ?? 0;
    serials.set(division.code, n + 1);
    yield makeParcel(division, 2 * n + 1, legalPersonLandUse(lp), 'LEGAL_PERSON', k, lp.uscc, rngFor('parcel-legal-person', k));
  }
}

/** Every parcel of the synthetic city at this scale. */
export function* syntheticParcels(scale: number): Generator<SyntheticParcel> {
  yield* personParcels(scale);
  yield* legalPersonParcels(scale);
}
