import { GraphQLError } from 'graphql';
import { assertIdNumber, idNumberCheckChar, makeIdNumber, parseIdNumber } from '../../platform/ids/id-number';
import { assertUscc, makeUscc, organisationCodeCheckChar, parseUscc, usccCheckChar, USCC_CHARSET } from '../../platform/ids/uscc';

const reasonOf = (r: { ok: boolean; reason?: string }) => (r.ok ? 'ok' : r.reason);

describe('GB 11643 ID numbers', () => {
  it('accepts the standard example and reads its parts', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      divisionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'FEMALE',
    });
  });

  it('accepts a lowercase x and surrounding spaces, normalising them', () => {
    expect(parseIdNumber(' 11010519491231002x ')).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
    expect(assertIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });

  it('reads the gender from the 17th digit', () => {
    const male = makeIdNumber('430408', '1990-05-17', 123, 'MALE');
    expect(male.slice(14, 17)).toBe('123');
    expect(parseIdNumber(male)).toMatchObject({ ok: true, gender: 'MALE', divisionCode: '430408', birthDate: '1990-05-17' });
    const female = makeIdNumber('430408', '1990-05-17', 123, 'FEMALE');
    expect(female.slice(14, 17)).toBe('122');
    expect(parseIdNumber(female)).toMatchObject({ ok: true, gender: 'FEMALE' });
  });

  it('explains a wrong check digit', () => {
    expect(reasonOf(parseIdNumber('110105194912310023'))).toBe('ID number check digit is 3, expected X');
  });

  it('explains bad lengths and characters', () => {
    expect(reasonOf(parseIdNumber('11010519491231002'))).toBe('ID number must be 18 characters long, got 17');
    expect(reasonOf(parseIdNumber(''))).toBe('ID number must be 18 characters long, got 0');
    expect(reasonOf(parseIdNumber('110105491231002'))).toMatch(/15 digits/);
    expect(reasonOf(parseIdNumber('1101051949123100XX'))).toBe('ID number must be 17 digits followed by a digit or X');
    expect(reasonOf(parseIdNumber('11010519491231002Y'))).toBe('ID number must be 17 digits followed by a digit or X');
    expect(reasonOf(parseIdNumber('１１0105194912310023'))).toMatch(/17 digits/); // full-width digits
  });

  it('rejects impossible and out-of-range birth dates even with a correct check digit', () => {
    const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
    expect(reasonOf(parseIdNumber(withCheck('43040819900230123')))).toBe('ID number birth date 19900230 is not a real calendar date');
    expect(reasonOf(parseIdNumber(withCheck('43040819901301123')))).toMatch(/not a real calendar date/);
    expect(reasonOf(parseIdNumber(withCheck('43040819000229123')))).toMatch(/not a real calendar date/); // 1900 is no leap year
    expect(parseIdNumber(withCheck('43040820000229123')).ok).toBe(true); // 2000 is
    expect(reasonOf(parseIdNumber(withCheck('43040818991231123')))).toBe('ID number birth date 1899-12-31 is before 1900');
    const now = new Date('2025-06-01T00:00:00Z');
    expect(reasonOf(parseIdNumber(withCheck('43040820250602123'), now))).toBe('ID number birth date 2025-06-02 is in the future');
    // 2025-06-01T00:00Z is already 08:00 on 1 June in China: a baby born that day is valid.
    expect(parseIdNumber(withCheck('43040820250601123'), now).ok).toBe(true);
  });

  it('rejects division codes that start with no province', () => {
    const first17 = '99040819900101123';
    expect(reasonOf(parseIdNumber(first17 + idNumberCheckChar(first17)))).toBe('ID number division code 990408 does not start with a valid province code');
  });

  it('throws BAD_USER_INPUT naming the argument', () => {
    let error: unknown;
    try {
      assertIdNumber('110105194912310023', 'holder');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    const g = error as GraphQLError;
    expect(g.message).toBe('Invalid ID number for argument "holder": ID number check digit is 3, expected X');
    expect(g.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'holder' });
  });

  it('refuses to make a number from bad parts', () => {
    expect(() => makeIdNumber('43040', '1990-01-01', 1, 'MALE')).toThrow(RangeError);
    expect(() => makeIdNumber('430408', '1990-02-30', 1, 'MALE')).toThrow(RangeError);
    expect(() => makeIdNumber('430408', '1990-01-01', 1000, 'MALE')).toThrow(RangeError);
  });

  it('round-trips thousands of generated numbers', () => {
    for (let i = 0; i < 5000; i++) {
      const year = 1900 + (i % 125);
      const month = 1 + ((i * 7) % 12);
      const day = 1 + ((i * 13) % 28);
      const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const gender = i % 3 === 0 ? 'FEMALE' : 'MALE';
      const division = ['110105', '430408', '440300', '650102', '710000', '820000'][i % 6];
      const id = makeIdNumber(division, birthDate, (i * 37) % 1000, gender);
      const parsed = parseIdNumber(id);
      expect(parsed).toMatchObject({ ok: true, divisionCode: division, birthDate, gender });
      // Any single changed digit among the first 17 breaks the check (MOD 11-2 catches all of them).
      const pos = i % 17;
      const changed = id.slice(0, pos) + String((Number(id[pos]) + 1 + (i % 9)) % 10) + id.slice(pos + 1);
      expect(parseIdNumber(changed).ok).toBe(false);
    }
  });
});

describe('GB 32100 unified social credit codes', () => {
  it('accepts widely cited real codes and reads their parts', () => {
    expect(parseUscc('91350100M000100Y43')).toEqual({
      ok: true,
      uscc: '91350100M000100Y43',
      registrationAuthority: '9',
      orgType: '1',
      divisionCode: '350100',
      organisationCode: 'M000100Y4',
    });
    // Real codes of several shapes: legacy numeric, "MA…", an 'X' organisation check, an institution.
    for (const code of [
      '91110000600037341L',
      '9144030071526726XG',
      '91340600MA2PBM9HXD',
      '92340621MA2PBN0KXX',
      '121200004013590816',
      '12440600MB2C07549J',
      '91620105L015101280',
    ]) {
      expect(reasonOf(parseUscc(code))).toBe('ok');
    }
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(organisationCodeCheckChar('M000100Y')).toBe('4');
  });

  it('accepts lowercase and upper-cases it', () => {
    expect(assertUscc('91350100m000100y43')).toBe('91350100M000100Y43');
  });

  it('explains a wrong check character', () => {
    expect(reasonOf(parseUscc('91350100M000100Y44'))).toBe('USCC check character is 4, expected 3');
  });

  it('explains bad lengths and characters', () => {
    expect(reasonOf(parseUscc('91350100M000100Y4'))).toBe('USCC must be 18 characters long, got 17');
    expect(reasonOf(parseUscc('91350100M0001O0Y43'))).toBe('USCC character 14 "O" is not allowed (I, O, Z, S and V are never used)');
    expect(reasonOf(parseUscc('91350100M000100Y4-'))).toBe('USCC character 18 "-" is not allowed');
    expect(reasonOf(parseUscc('9135A100M000100Y43'))).toMatch(/division code \(characters 3-8\) must be 6 digits/);
  });

  it('validates the organisation code check character too', () => {
    // Position 17 changed and position 18 recomputed: only the GB 11714 check can catch it.
    const first17 = '91350100M000100Y5';
    expect(reasonOf(parseUscc(first17 + usccCheckChar(first17)))).toBe('USCC organisation code check character (character 17) is 5, expected 4');
  });

  it('throws BAD_USER_INPUT naming the argument', () => {
    expect(() => assertUscc('123', 'creditCode')).toThrow('Invalid USCC for argument "creditCode": USCC must be 18 characters long, got 3');
    try {
      assertUscc('123');
    } catch (e) {
      expect((e as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'uscc' });
    }
  });

  it('round-trips thousands of generated codes of every style', () => {
    const seen = new Set<string>();
    const styles = ['NUMERIC', 'MA', 'MB', 'MJ'] as const;
    for (let i = 0; i < 4000; i++) {
      const style = styles[i % 4];
      const authority = USCC_CHARSET[i % 31];
      const orgType = USCC_CHARSET[(i * 7) % 31];
      const serial = style === 'NUMERIC' ? (i * 24_989) % 1e8 : (i * 9_999_991) % 31 ** 6;
      const code = makeUscc(authority, orgType, '430408', serial, style);
      expect(parseUscc(code)).toMatchObject({ ok: true, registrationAuthority: authority, orgType, divisionCode: '430408' });
      seen.add(code.slice(8, 17));
      // A single changed character is always caught (MOD 31-3 detects every single substitution).
      const pos = i % 17;
      const changed = code.slice(0, pos) + USCC_CHARSET[(USCC_CHARSET.indexOf(code[pos]) + 1 + (i % 29)) % 31] + code.slice(pos + 1);
      expect(parseUscc(changed).ok).toBe(false);
    }
    expect(seen.size).toBe(4000);
  });

  it('refuses to make a code from bad parts', () => {
    expect(() => makeUscc('I', '1', '430408', 1)).toThrow(RangeError);
    expect(() => makeUscc('9', '1', '43040', 1)).toThrow(RangeError);
    expect(() => makeUscc('9', '1', '430408', 1e8, 'NUMERIC')).toThrow(RangeError);
    expect(() => makeUscc('9', '1', '430408', 31 ** 6, 'MA')).toThrow(RangeError);
  });
});
