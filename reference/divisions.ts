/**
 * Hengyang's administrative divisions (GB/T 2260): the city 430400 and its 12 county-level units.
 * The codes and names are real. Centres are approximate (WGS84); the bounding boxes are simple
 * rectangles drawn so that the 12 do not overlap one another (they may share an edge) and each
 * contains its centre: good enough to place synthetic parcels and addresses, not a map.
 * 南岳区 really is an enclave inside 衡山县; here it is a box beside it.
 */

export type DivisionLevel = 'CITY' | 'DISTRICT' | 'COUNTY' | 'COUNTY_CITY';

export interface Division {
  code: string;
  name: string;
  /** Name as written at the start of an address, from the province: 湖南省衡阳市蒸湘区. */
  fullName: string;
  level: DivisionLevel;
  /** Parent division code: 430000 (湖南省) for the city. */
  parentCode: string;
  /** [longitude, latitude], WGS84. */
  centre: readonly [number, number];
  /** [minLon, minLat, maxLon, maxLat], WGS84. */
  bbox: readonly [number, number, number, number];
  /** Approximate registered population (persons), used to weight where synthetic people live. */
  population: number;
  /** Road names; for counties written with their town, '西渡镇蒸阳北路' style. */
  roads: readonly string[];
}

export const PROVINCE_CODE = '430000';
export const PROVINCE_NAME = '湖南省';
export const CITY_CODE = '430400';
export const CITY_NAME = '衡阳市';

type Row = [
  code: string,
  name: string,
  level: DivisionLevel,
  centre: [number, number],
  bbox: [number, number, number, number],
  population: number,
  roads: string[],
];

// prettier-ignore
const COUNTY_ROWS: Row[] = [
  ['430405', '珠晖区', 'DISTRICT', [112.67, 26.90], [112.64, 26.84, 112.72, 26.96], 400_000, ['东风路', '广东路', '衡州大道', '狮山路', '茶山路', '湘江东路']],
  ['430406', '雁峰区', 'DISTRICT', [112.61, 26.87], [112.585, 26.83, 112.64, 26.91], 300_000, ['先锋路', '白沙路', '湘江南路', '雁峰路', '岳屏路', '船山东路']],
  ['430407', '石鼓区', 'DISTRICT', [112.61, 26.94], [112.585, 26.91, 112.64, 26.98], 280_000, ['中山北路', '人民路', '解放路', '蒸湘南路', '环城北路', '合江套路']],
  ['430408', '蒸湘区', 'DISTRICT', [112.55, 26.895], [112.52, 26.86, 112.585, 26.91], 420_000, ['解放大道', '船山大道', '蒸湘北路', '长丰大道', '华新大道', '红湘路', '西湖路']],
  ['430412', '南岳区', 'DISTRICT', [112.73, 27.25], [112.66, 27.18, 112.78, 27.32], 60_000, ['祝融路', '金沙路', '衡山路', '南岳镇御街', '寿岳乡岳林路']],
  ['430421', '衡阳县', 'COUNTY', [112.37, 26.97], [112.10, 26.93, 112.52, 27.40], 1_000_000, ['西渡镇蒸阳北路', '西渡镇蒸阳南路', '西渡镇衡州路', '演陂镇新街', '金兰镇建设路', '台源镇人民路']],
  ['430422', '衡南县', 'COUNTY', [112.68, 26.74], [112.30, 26.55, 112.95, 26.83], 900_000, ['云集街道云集大道', '云集街道衡州大道', '车江镇车江路', '茶市镇建设路', '三塘镇人民路', '廖田镇新街']],
  ['430423', '衡山县', 'COUNTY', [112.87, 27.23], [112.78, 27.12, 113.05, 27.45], 380_000, ['开云镇新城大道', '开云镇沿江路', '开云镇人民路', '白果镇建设路', '店门镇新街']],
  ['430424', '衡东县', 'COUNTY', [112.95, 27.08], [112.80, 26.96, 113.25, 27.12], 600_000, ['城关镇洣水路', '城关镇新塘路', '城关镇衡岳路', '吴集镇建设路', '大浦镇人民路', '杨桥镇新街']],
  ['430426', '祁东县', 'COUNTY', [112.09, 26.80], [111.75, 26.55, 112.30, 26.93], 850_000, ['洪桥街道永昌路', '洪桥街道人民路', '洪桥街道祁东大道', '白地市镇建设路', '归阳镇新街', '黄土铺镇人民路']],
  ['430481', '耒阳市', 'COUNTY_CITY', [112.86, 26.42], [112.62, 26.10, 113.20, 26.55], 1_150_000, ['蔡子池街道五一路', '蔡子池街道蔡伦大道', '灶市街街道神农路', '水东江街道耒水路', '大市镇建设路', '夏塘镇新街']],
  ['430482', '常宁市', 'COUNTY_CITY', [112.40, 26.42], [112.10, 26.10, 112.62, 26.55], 800_000, ['宜阳街道青阳路', '宜阳街道建设路', '泉峰街道南岭路', '培元街道人民路', '西岭镇新街', '塔山瑶族乡瑶山路']],
];

/** The 12 county-level units, in code order. */
export const COUNTY_DIVISIONS: readonly Division[] = COUNTY_ROWS.map(([code, name, level, centre, bbox, population, roads]) => ({
  code,
  name,
  fullName: `${PROVINCE_NAME}${CITY_NAME}${name}`,
  level,
  parentCode: CITY_CODE,
  centre,
  bbox,
  population,
  roads,
}));

/** The city itself: its box covers all 12, its centre is the urban core. */
export const CITY_DIVISION: Division = {
  code: CITY_CODE,
  name: CITY_NAME,
  fullName: `${PROVINCE_NAME}${CITY_NAME}`,
  level: 'CITY',
  parentCode: PROVINCE_CODE,
  centre: [112.57, 26.89],
  bbox: [
    Math.min(...COUNTY_DIVISIONS.map((d) => d.bbox[0])),
    Math.min(...COUNTY_DIVISIONS.map((d) => d.bbox[1])),
    Math.max(...COUNTY_DIVISIONS.map((d) => d.bbox[2])),
    Math.max(...COUNTY_DIVISIONS.map((d) => d.bbox[3])),
  ],
  population: COUNTY_DIVISIONS.reduce((sum, d) => sum + d.population, 0),
  roads: ['解放大道', '船山大道', '衡州大道', '蒸湘北路', '湘江东路'],
};

/** The city and its 12 county-level units. */
export const DIVISIONS: readonly Division[] = [CITY_DIVISION, ...COUNTY_DIVISIONS];

const BY_CODE = new Map(DIVISIONS.map((d) => [d.code, d]));

/** The division with this code; throws for a code outside Hengyang. */
export function divisionByCode(code: string): Division {
  const d = BY_CODE.get(code);
  if (!d) throw new RangeError(`${code} is not a Hengyang division code`);
  return d;
}

/** County-level units weighted by population, for weightedPick. */
export const COUNTY_WEIGHTS: readonly (readonly [Division, number])[] = COUNTY_DIVISIONS.map((d) => [d, d.population]);

/** True for the five urban districts (市辖区), whose addresses have buildings and rooms. */
export const isUrban = (d: Division): boolean => d.level === 'DISTRICT';
