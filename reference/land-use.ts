/** National land-use classification (GB/T 21010-2017 《土地利用现状分类》), first level: the classes a
 *  parcel's 土地用途 takes. Reference data read by the geospatial subgraph and by the seed. */

/** Land-use classes of GB/T 21010-2017 (first level): code → name. */
export const LAND_USE_CLASSES = {
  '01': '耕地',
  '02': '园地',
  '03': '林地',
  '04': '草地',
  '05': '商服用地',
  '06': '工矿仓储用地',
  '07': '住宅用地',
  '08': '公共管理与公共服务用地',
  '09': '特殊用地',
  '10': '交通运输用地',
  '11': '水域及水利设施用地',
  '12': '其他土地',
} as const;
export type LandUseCode = keyof typeof LAND_USE_CLASSES;
