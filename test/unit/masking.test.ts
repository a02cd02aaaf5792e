import { GraphQLError } from 'graphql';
import { administrativePrefix, applyMask, formatMaskSpec, isValidMaskSpec, keyedHash, MASK_KINDS, MaskSpec, parseMaskSpec } from '../../platform/masking';

const options = { hashKey: 'test-key', today: new Date(2025, 5, 15) }; // 15 June 2025, local time
const mask = (value: unknown, spec: string) => applyMask(value, spec, options);

describe('mask specs', () => {
  it('parses every mask and prints it back canonically', () => {
    const cases: [string, MaskSpec, string][] = [
      ['FULL', { kind: 'FULL' }, 'FULL'],
      ['KEEP(3,4)', { kind: 'KEEP', first: 3, last: 4 }, 'KEEP(3,4)'],
      [' keep( 1 , 0 ) ', { kind: 'KEEP', first: 1, last: 0 }, 'KEEP(1,0)'],
      ['RANGE(4,7)', { kind: 'RANGE', from: 4, to: 7 }, 'RANGE(4,7)'],
      ['SURNAME', { kind: 'SURNAME' }, 'SURNAME'],
      ['id_number', { kind: 'ID_NUMBER' }, 'ID_NUMBER'],
      ['PHONE', { kind: 'PHONE' }, 'PHONE'],
      ['license_number', { kind: 'LICENSE_NUMBER' }, 'LICENSE_NUMBER'],
      ['REGISTER_NUMBER', { kind: 'REGISTER_NUMBER' }, 'REGISTER_NUMBER'],
      ['EMAIL', { kind: 'EMAIL' }, 'EMAIL'],
      ['ADDRESS_DISTRICT', { kind: 'ADDRESS_DISTRICT' }, 'ADDRESS_DISTRICT'],
      ['HASH', { kind: 'HASH' }, 'HASH'],
      ['YEAR', { kind: 'YEAR' }, 'YEAR'],
      ['AGE_BAND', { kind: 'AGE_BAND' }, 'AGE_BAND'],
    ];
    for (const [text, spec, canonical] of cases) {
      expect(parseMaskSpec(text)).toEqual(spec);
      expect(formatMaskSpec(spec)).toBe(canonical);
      expect(parseMaskSpec(formatMaskSpec(spec))).toEqual(spec);
      expect(isValidMaskSpec(text)).toBe(true);
    }
    expect(new Set(cases.map(([, s]) => s.kind))).toEqual(new Set(MASK_KINDS));
  });

  it('rejects malformed specs with a clear BAD_USER_INPUT', () => {
    const bad: [string, RegExp][] = [
      ['', /expected NAME or NAME\(n,m\)/],
      ['BLUR', /unknown mask "BLUR"; expected one of FULL, SURNAME/],
      ['KEEP', /KEEP takes two numbers, as in KEEP\(3,4\)/],
      ['KEEP(3)', /KEEP takes two numbers/],
      ['KEEP(3,4,5)', /KEEP takes two numbers/],
      ['KEEP(-1,4)', /must be a whole number, got "-1"/],
      ['KEEP(a,4)', /must be a whole number, got "a"/],
      ['KEEP(1.5,4)', /must be a whole number/],
      ['KEEP(3,4000)', /between 0 and 1000, got 4000/],
      ['RANGE(0,3)', /first masked position must be between 1 and 1000, got 0/],
      ['RANGE(5,2)', /last masked position \(2\) is before the first \(5\)/],
      ['SURNAME(1)', /SURNAME takes no arguments/],
      ['KEEP(3,4', /expected NAME or NAME\(n,m\)/],
      ['KEEP(3,4) FULL', /expected NAME or NAME\(n,m\)/],
    ];
    for (const [text, message] of bad) {
      expect(isValidMaskSpec(text)).toBe(false);
      let error: unknown;
      try {
        parseMaskSpec(text, 'mask');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).message).toMatch(message);
      expect((error as GraphQLError).message.startsWith(`Invalid mask spec "${text}": `)).toBe(true);
      expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'mask' });
    }
    expect(isValidMaskSpec(42)).toBe(false);
    expect(isValidMaskSpec(null)).toBe(false);
    expect(() => applyMask('x', 'NOPE', options)).toThrow(/unknown mask "NOPE"/);
  });
});

describe('applyMask', () => {
  it('FULL returns the text unchanged', () => {
    expect(mask('张三', 'FULL')).toBe('张三');
    expect(mask(42, 'FULL')).toBe('42');
  });

  // Issue 8 (class 14): the hidden run no longer keeps its length (was one star per character).
  it('KEEP keeps both ends and hides the rest in a run that does not tell its length', () => {
    expect(mask('13812345678', 'KEEP(3,4)')).toBe('138***5678');
    expect(mask('abcdef', 'KEEP(0,0)')).toBe('***');
    expect(mask('abcdef', 'KEEP(2,0)')).toBe('ab***');
    expect(mask('abcdef', 'KEEP(0,2)')).toBe('***ef');
    expect(mask('12000', 'KEEP(1,0)')).toBe(mask('1200000', 'KEEP(1,0)'));
  });

  it('KEEP never returns a short value fully unmasked', () => {
    expect(mask('张三', 'KEEP(1,1)')).toBe('张***');
    expect(mask('张', 'KEEP(1,1)')).toBe('***');
    expect(mask('12345', 'KEEP(3,4)')).toBe('123***5');
    expect(mask('abc', 'KEEP(0,5)')).toBe('***bc');
    expect(mask('', 'KEEP(1,1)')).toBe('');
  });

  it('RANGE masks positions x..y, clipped, and never nothing', () => {
    expect(mask('430408199001011234', 'RANGE(7,14)')).toBe('430408********1234');
    expect(mask('abcdef', 'RANGE(5,10)')).toBe('abcd**');
    expect(mask('abcdef', 'RANGE(1,1)')).toBe('*bcdef');
    expect(mask('张三', 'RANGE(4,7)')).toBe('张*');
    expect(mask('', 'RANGE(1,2)')).toBe('');
  });

  // Issue 8 (class 14): always two stars after the surname (was one per character).
  it('SURNAME keeps the surname, both characters of a compound one, and hides the given name’s length', () => {
    expect(mask('张三', 'SURNAME')).toBe('张**');
    expect(mask('张三丰', 'SURNAME')).toBe('张**');
    expect(mask('欧阳修', 'SURNAME')).toBe('欧阳**');
    expect(mask('司马相如', 'SURNAME')).toBe('司马**');
    expect(mask('诸葛亮', 'SURNAME')).toBe('诸葛**');
    // Two characters are a single surname and a given name, even when they spell a compound surname.
    expect(mask('欧阳', 'SURNAME')).toBe('欧**');
    expect(mask('张', 'SURNAME')).toBe('**');
    expect(mask('', 'SURNAME')).toBe('');
  });

  // Issue 8 (class 14): the region only (was first 6 and last 4); strength in masking-strength.test.ts.
  it('ID_NUMBER keeps the region only', () => {
    expect(mask('11010519491231002X', 'ID_NUMBER')).toBe('110105************');
    expect(mask('110105491231002', 'ID_NUMBER')).toBe('110105************'); // a 15-digit number
    expect(mask('1234', 'ID_NUMBER')).toBe('************');
  });

  // Issue 8 (class 14): format-aware (was first 3 and last 4 of any text).
  it('PHONE hides four digits of a mobile and five of a landline', () => {
    expect(mask('13812345678', 'PHONE')).toBe('138****5678');
    expect(mask('0734-8123456', 'PHONE')).toBe('0734-*****56');
    expect(mask(13812345678, 'PHONE')).toBe('138****5678'); // numbers are stringified
  });

  it('EMAIL keeps the first character of the local part and the domain', () => {
    expect(mask('zhangsan@example.com', 'EMAIL')).toBe('z***@example.com');
    expect(mask('a@example.com', 'EMAIL')).toBe('***@example.com');
    expect(mask('not-an-email', 'EMAIL')).toBe('n***');
    expect(mask('@example.com', 'EMAIL')).toBe('@***');
  });

  it('ADDRESS_DISTRICT cuts after the county-level unit', () => {
    expect(mask('湖南省衡阳市蒸湘区解放大道12号', 'ADDRESS_DISTRICT')).toBe('湖南省衡阳市蒸湘区');
    expect(mask('湖南省衡阳市衡阳县西渡镇蒸阳北路8号', 'ADDRESS_DISTRICT')).toBe('湖南省衡阳市衡阳县');
    expect(mask('湖南省衡阳市耒阳市蔡子池街道五一路3号', 'ADDRESS_DISTRICT')).toBe('湖南省衡阳市耒阳市');
    expect(mask('衡阳市珠晖区东风路1号2栋301室', 'ADDRESS_DISTRICT')).toBe('衡阳市珠晖区');
    expect(mask('常宁市宜阳街道青阳路9号', 'ADDRESS_DISTRICT')).toBe('常宁市');
    expect(mask('湖南省湘西土家族苗族自治州吉首市人民路1号', 'ADDRESS_DISTRICT')).toBe('湖南省湘西土家族苗族自治州吉首市');
    expect(mask('北京市朝阳区建国路88号', 'ADDRESS_DISTRICT')).toBe('北京市朝阳区');
    expect(mask('湖南省衡阳市解放大道12号', 'ADDRESS_DISTRICT')).toBe('湖南省衡阳市');
    expect(mask('湖南省衡阳市蒸湘区', 'ADDRESS_DISTRICT')).toBe('湖南省衡阳市蒸湘区');
    // Nothing recognised: at most 6, at most half of the characters, then an ellipsis.
    expect(mask('解放大道12号', 'ADDRESS_DISTRICT')).toBe('解放大…');
    expect(mask('某某小区某栋某单元某室门口右转', 'ADDRESS_DISTRICT')).toBe('某某小区某栋…');
    expect(mask('华新超市旁边3号', 'ADDRESS_DISTRICT')).toBe('华新超市…');
    expect(mask('阳光小区3栋', 'ADDRESS_DISTRICT')).toBe('阳光小…');
    expect(mask('湖南省衡阳市阳光小区3栋', 'ADDRESS_DISTRICT')).toBe('湖南省衡阳市');
    expect(mask('x', 'ADDRESS_DISTRICT')).toBe('…');
    expect(mask('', 'ADDRESS_DISTRICT')).toBe('');
    expect(administrativePrefix('解放大道12号')).toBeNull();
  });

  it('HASH is a stable keyed pseudonym', () => {
    const a = mask('11010519491231002X', 'HASH');
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(mask('11010519491231002X', 'HASH')).toBe(a);
    expect(applyMask('11010519491231002X', 'HASH', { hashKey: Buffer.from('test-key') })).toBe(a);
    expect(applyMask('11010519491231002X', 'HASH', { hashKey: 'other-key' })).not.toBe(a);
    expect(mask('11010519491231002x', 'HASH')).not.toBe(a);
    expect(keyedHash('test-key', '11010519491231002X')).toBe(a);
    expect(() => applyMask('x', 'HASH', { hashKey: '' })).toThrow(/non-empty key/);
  });

  it('YEAR keeps the year of a date', () => {
    expect(mask('1990-05-17', 'YEAR')).toBe('1990');
    expect(mask('19900517', 'YEAR')).toBe('1990');
    expect(mask('1990-05-17T10:00:00+08:00', 'YEAR')).toBe('1990');
    expect(mask(new Date(1990, 4, 17), 'YEAR')).toBe('1990');
    expect(mask('1990-02-30', 'YEAR')).toBe('***'); // not a date: fully masked, never leaked
    expect(mask('不详', 'YEAR')).toBe('***');
  });

  it('AGE_BAND gives a ten-year band relative to today, top-coded at 90', () => {
    expect(mask('1990-05-17', 'AGE_BAND')).toBe('30-39'); // 35
    expect(mask('1985-06-15', 'AGE_BAND')).toBe('40-49'); // 40 today
    expect(mask('1985-06-16', 'AGE_BAND')).toBe('30-39'); // 40 tomorrow
    expect(mask('2025-01-01', 'AGE_BAND')).toBe('0-9');
    expect(mask('1930-01-01', 'AGE_BAND')).toBe('90+');
    expect(mask(new Date(2000, 0, 1), 'AGE_BAND')).toBe('20-29');
    expect(mask('2030-01-01', 'AGE_BAND')).toBe('***'); // born in the future: not a birth date
    expect(applyMask('1990-05-17', 'AGE_BAND', { hashKey: 'k', today: new Date(2000, 0, 1) })).toBe('0-9');
  });

  it('counts Unicode code points, not UTF-16 units', () => {
    expect(mask('𠀋𠀌𠀍', 'SURNAME')).toBe('𠀋**');
    expect(mask('😀😁😂😃', 'KEEP(1,1)')).toBe('😀***😃');
    expect(mask('a😀b', 'RANGE(2,2)')).toBe('a*b');
    expect(mask('😀', 'KEEP(1,0)')).toBe('***');
    expect(mask('张😀@例子.中国', 'EMAIL')).toBe('张***@例子.中国');
    expect(mask('😀😁', 'YEAR')).toBe('***');
  });

  it('maps null and undefined to null, and refuses non-scalar values', () => {
    for (const spec of MASK_KINDS.map((k) => (k === 'KEEP' ? 'KEEP(1,1)' : k === 'RANGE' ? 'RANGE(1,1)' : k))) {
      expect(mask(null, spec)).toBeNull();
      expect(mask(undefined, spec)).toBeNull();
    }
    expect(() => mask({ a: 1 }, 'FULL')).toThrow(TypeError);
    expect(() => mask(['a'], 'KEEP(1,1)')).toThrow(TypeError);
    expect(() => mask(new Date(NaN), 'YEAR')).toThrow(TypeError);
  });

  it('accepts a parsed spec as well as its text', () => {
    expect(applyMask('13812345678', { kind: 'KEEP', first: 3, last: 4 }, options)).toBe('138***5678');
  });
});
