/**
 * Word lists for synthetic people and organisations. Surname weights follow published national
 * frequencies (per mille, roughly), nudged towards Hunan (刘 陈 罗 彭 谭 唐 曾 邓 蒋 are commoner
 * there). Given names draw on characters common in each generation, so a woman born in 1955 is
 * more likely 秀英 or 桂兰 and one born in 2010 more likely 梓涵 or 欣怡.
 */
import type { Rng } from './random';
import type { Gender } from '../../platform/ids/id-number';

// prettier-ignore
export const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 60], ['陈', 55], ['杨', 31], ['黄', 22], ['赵', 20], ['吴', 19], ['周', 20],
  ['徐', 13], ['孙', 13], ['马', 11], ['朱', 11], ['胡', 12], ['郭', 10], ['何', 10], ['高', 9], ['林', 9], ['罗', 14],
  ['郑', 8], ['梁', 7], ['谢', 9], ['宋', 6], ['唐', 12], ['许', 6], ['韩', 5], ['冯', 5], ['邓', 10], ['曹', 5],
  ['彭', 11], ['曾', 10], ['肖', 7], ['田', 4], ['董', 4], ['袁', 4], ['潘', 4], ['于', 3], ['蒋', 7], ['蔡', 4],
  ['余', 4], ['杜', 3], ['叶', 3], ['程', 3], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 2], ['钟', 3], ['谭', 9], ['陆', 2], ['汪', 3], ['范', 3], ['金', 2],
  ['石', 3], ['廖', 5], ['贾', 2], ['夏', 3], ['韦', 2], ['付', 3], ['方', 3], ['白', 2], ['邹', 4], ['孟', 2],
  ['熊', 3], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 3], ['薛', 2], ['段', 2], ['雷', 3], ['侯', 2], ['龙', 3],
  ['史', 2], ['陶', 2], ['黎', 2], ['贺', 4], ['顾', 1], ['毛', 2], ['郝', 1], ['龚', 2], ['邵', 2], ['万', 2],
  ['钱', 1], ['严', 2], ['覃', 1], ['武', 1], ['戴', 2], ['莫', 1], ['孔', 1], ['向', 2], ['汤', 2], ['颜', 2],
];

/** Compound surnames; 欧阳 is the commonest, and common in Hunan. Drawn for ~1% of people. */
export const COMPOUND_SURNAMES: readonly (readonly [string, number])[] = [
  ['欧阳', 60],
  ['司马', 8],
  ['诸葛', 6],
  ['上官', 8],
  ['司徒', 5],
  ['东方', 4],
  ['皇甫', 4],
  ['慕容', 3],
  ['令狐', 2],
];
export const COMPOUND_SURNAME_SHARE = 0.012;

const GIVEN = {
  MALE: {
    older: '国建华明军伟平志强文德忠海林春生荣新勇刚福永光庆东学俊长成宏斌'.split(''),
    younger: '浩宇轩子睿泽博涛鹏杰磊俊哲文晨航辰昊翔鑫凯然毅天琪一嘉逸阳'.split(''),
  },
  FEMALE: {
    older: '秀英兰桂芳珍华玉凤梅红丽萍琴春莲霞娟美翠云菊香淑芬燕敏艳平'.split(''),
    younger: '婷雪欣怡涵萱梓琪雨诗思梦瑶晴妍颖佳悦可心子馨静慧琳雅倩丹璐'.split(''),
  },
} as const;

/** A surname: weighted, with ~1% compound surnames. */
export function pickSurname(rng: Rng): string {
  return rng.chance(COMPOUND_SURNAME_SHARE) ? rng.weightedPick(COMPOUND_SURNAMES) : rng.weightedPick(SURNAMES);
}

/** A given name of one or two characters; two-character names grew commoner after the 1970s. */
export function pickGivenName(rng: Rng, gender: Gender, birthYear: number): string {
  const pool = birthYear < 1980 ? GIVEN[gender].older : GIVEN[gender].younger;
  const twoChars = rng.chance(birthYear < 1970 ? 0.6 : birthYear < 1990 ? 0.75 : 0.88);
  return twoChars ? rng.pick(pool) + rng.pick(pool) : rng.pick(pool);
}

// prettier-ignore
export const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['汉族', 960], ['瑶族', 12], ['土家族', 8], ['苗族', 8], ['壮族', 3], ['回族', 3], ['侗族', 3], ['满族', 1], ['蒙古族', 1], ['白族', 1],
];

/** Two-character trade names (字号) for enterprises and shops. */
export const TRADE_NAMES =
  '鑫盛 恒达 华瑞 湘衡 雁城 船山 蒸湘 天成 宏远 金源 瑞丰 永泰 新创 中南 衡岳 回雁 石鼓 祝融 湘南 博远 智联 绿源 佳禾 兴旺 顺发 众诚 鼎力 汇通 嘉信 合力 正和 启航 东洲 岣嵝 耒水 洣水 常兴 祁阳 云集 西渡'.split(
    ' ',
  );

/** Mobile number prefixes in use (中国移动/联通/电信). */
export const MOBILE_PREFIXES =
  '130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 180 181 182 183 184 185 186 187 188 189 191 193 195 198 199'.split(' ');
