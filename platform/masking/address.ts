/**
 * Address generalisation for the ADDRESS_DISTRICT mask: keep the administrative prefix of a
 * Chinese address down to the county-level unit (区/县/县级市/旗) and drop the rest (street,
 * number, building, room), which is what identifies a household.
 *
 *   湖南省衡阳市蒸湘区解放大道12号   -> 湖南省衡阳市蒸湘区
 *   湖南省衡阳市耒阳市蔡子池街道…    -> 湖南省衡阳市耒阳市   (a county-level city after a 市)
 *   衡阳县西渡镇蒸阳北路8号          -> 衡阳县              (no province or city written)
 *   湖南省衡阳市解放大道12号         -> 湖南省衡阳市        (no county: the coarser prefix)
 *   解放大道12号                     -> 解放…              (nothing recognised: see below)
 *
 * The parser is a heuristic over the written prefix, not a gazetteer: each level is a short run of
 * characters that are not themselves level or street markers, ending in that level's suffix.
 * Rare names that contain a marker (济南 市中区, 荆州 沙市区) are cut early, which only makes the
 * result coarser, never more precise; places that merely end like a unit (阳光小区, 华新超市) are
 * not taken for one.
 */

/** Characters that end a level or start a street-level part; a unit's own name cannot contain them. */
const NAME = '[^\\d０-９省市区县旗路街道号镇乡村巷弄楼栋室]';

const MUNICIPALITY = /^(?:北京市|天津市|上海市|重庆市)/u;
const PROVINCE = new RegExp(`^${NAME}{2,7}?(?:省|自治区|特别行政区)`, 'u');
const CITY = new RegExp(`^${NAME}{1,10}?(?:市|自治州|地区|盟)`, 'u');
const COUNTY = new RegExp(`^${NAME}{1,10}?(?:自治县|自治旗|林区|特区|区|县|市|旗)`, 'u');

/**
 * Words that end like a unit but are places inside one (小区 a housing estate, 超市 a supermarket…).
 * Taking them for a county would reveal them, so a match ending in one is not a unit.
 */
const NOT_A_UNIT = /(?:小|社|园|校|景|厂|片|营|街|商|库|站)区$|(?:超|菜|集|门|夜|街|股|花|鸟)市$/u;

/** Most characters kept when no administrative unit is recognised. */
const FALLBACK_MAX_KEPT = 6;

/**
 * The address prefix down to the county level, or `null` when not even a province or city is
 * recognised. When a province or city is found but no county, that coarser prefix is returned.
 */
export function administrativePrefix(address: string): string | null {
  let rest = address.trimStart();
  let prefix = '';
  const take = (re: RegExp): boolean => {
    const m = re.exec(rest);
    if (!m || NOT_A_UNIT.test(m[0])) return false;
    prefix += m[0];
    rest = rest.slice(m[0].length);
    return true;
  };
  // A municipality (北京市…) is both province and city.
  if (!take(MUNICIPALITY)) {
    take(PROVINCE);
    take(CITY);
  }
  take(COUNTY);
  return prefix === '' ? null : prefix;
}

/**
 * ADDRESS_DISTRICT. Unrecognised text keeps its first ⌊length/2⌋ characters, at most 6, followed by
 * '…': enough for a person to tell what kind of value it was, never the whole of it.
 */
export function maskAddressToDistrict(address: string): string {
  const prefix = administrativePrefix(address);
  if (prefix !== null) return prefix;
  const chars = Array.from(address);
  if (chars.length === 0) return '';
  return chars.slice(0, Math.min(FALLBACK_MAX_KEPT, Math.floor(chars.length / 2))).join('') + '…';
}
