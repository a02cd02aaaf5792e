// Guards issue 8, class 14 ("masks that leave a handful of candidates"): each mask states how many
// values remain possible once it is applied, together with what the same agency may read of the
// same subject under default masks, and that number is at least the floor the issue sets.
import { applyMask, hiddenCount } from '../../platform/masking';
import { makeIdNumber } from '../../platform/ids/id-number';

const options = { hashKey: 'test-key', today: new Date(2025, 5, 15) };
const mask = (value: string, spec: string) => applyMask(value, spec, options)!;

/** Values of the same shape as `masked` with a digit in every '*': the candidate count of a digit mask. */
const digitCandidates = (masked: string) => 10 ** hiddenCount(masked);

describe('PHONE: at least 10^4 candidates whatever the format', () => {
  test('mobile 138****5678: 4 hidden digits, 10^4 candidates', () => {
    const m = mask('13812345678', 'PHONE');
    expect(m).toBe('138****5678');
    expect(digitCandidates(m)).toBe(10_000);
  });

  test('the issue’s landline 0734-8045518: 5 hidden digits; 10^4 even knowing the city’s leading 8', () => {
    const m = mask('0734-8045518', 'PHONE');
    expect(m).toBe('0734-*****18'); // was 073*****5518: 100 candidates
    expect(digitCandidates(m)).toBe(100_000);
    expect(digitCandidates(m) / 10).toBeGreaterThanOrEqual(10_000);
  });

  test('8-digit landline, country code, extension and unknown formats', () => {
    expect(mask('(0731)88123456', 'PHONE')).toBe('(0731)-******56'); // 10^6
    expect(mask('+86 138 1234 5678', 'PHONE')).toBe('+86 138****5678'); // 10^4
    expect(mask('0734-8123456转801', 'PHONE')).toBe('0734-*****56'); // extension dropped
    expect(hiddenCount(mask('12-34-56-78', 'PHONE'))).toBeGreaterThanOrEqual(4); // unknown format: all but the last 2
    expect(mask('12345', 'PHONE')).toBe('*****'); // too short to keep anything
  });
});

describe('ID_NUMBER: at least 10^6 candidates beside everything else the agency reads', () => {
  const id = makeIdNumber('430421', '1985-03-07', 217, 'MALE');

  test('the issue’s case (430421********2177 beside the birth year left 34): birth date, sequence and check digit are hidden', () => {
    const m = mask(id, 'ID_NUMBER');
    expect(m).toBe('430421************');
    expect(m).not.toContain(id.slice(14));
  });

  test('beside gender (unconditional), household division (unconditional) and the AGE_BAND of birthDate (its default mask)', () => {
    // The agency knows: region (= household division), the parity of the sequence (gender), and a
    // ten-year age band. Count every (birth date in the band, sequence of that parity): the check
    // digit follows from the rest, so it adds nothing.
    const today = options.today;
    const band = applyMask('1985-03-07', 'AGE_BAND', options); // '40-49'
    expect(band).toBe('40-49');
    let days = 0;
    for (let d = new Date(Date.UTC(1970, 0, 1)); d.getUTCFullYear() <= 1990; d = new Date(d.getTime() + 86_400_000)) {
      const iso = d.toISOString().slice(0, 10);
      if (applyMask(iso, 'AGE_BAND', { hashKey: 'k', today }) === band) days++;
    }
    const candidates = days * 500;
    expect(days).toBeGreaterThanOrEqual(3652);
    expect(candidates).toBeGreaterThanOrEqual(1_000_000); // ≈ 1.83 × 10^6
  });

  test('why birthDate is no longer served as YEAR by default: beside a birth year only 1.8 × 10^5 remain', () => {
    expect(365 * 500).toBeLessThan(1_000_000);
  });
});

describe('LICENSE_NUMBER: every digit hidden, at least 10^6 beside issue date and issuer', () => {
  test('marriage certificate: the issuer and year are known, the 6-digit serial is not: 10^6', () => {
    const m = mask('J430405-2019-000123', 'LICENSE_NUMBER');
    expect(m).toBe('J******-****-******');
    // office (6) and year (4) follow from the issuer and the issue date the agency may read
    expect(digitCandidates(m) / 10 ** (6 + 4)).toBe(1_000_000);
  });

  test('real estate certificate: the year is known, the 7-digit serial is not: 10^7', () => {
    const m = mask('湘(2023)衡阳市不动产权第0012345号', 'LICENSE_NUMBER');
    expect(m).toBe('湘(****)衡阳市不动产权第*******号');
    expect(digitCandidates(m) / 10 ** 4).toBe(10_000_000);
  });

  test('food business permit: type digit, region (6) and Luhn check follow from other facts: 10^6', () => {
    const m = mask('JY14304080012347', 'LICENSE_NUMBER');
    expect(m).toBe('JY**************');
    expect(digitCandidates(m) / 10 ** (1 + 6 + 1)).toBe(1_000_000);
  });

  test('road transport and hygiene permits keep ≥ 10^6 after the region or year is known', () => {
    expect(digitCandidates(mask('湘交运管许可衡字430408001234号', 'LICENSE_NUMBER')) / 10 ** 6).toBe(1_000_000);
    expect(digitCandidates(mask('衡卫公字(2022)第430408001234号', 'LICENSE_NUMBER')) / 10 ** (4 + 6)).toBe(1_000_000);
  });

  test('an ID number or a USCC used as a licence number gets its own mask', () => {
    expect(mask('430421198503072177', 'LICENSE_NUMBER')).toBe('430421************');
    expect(mask('92430408MA4L123456', 'LICENSE_NUMBER')).toBe('92430408**********');
    expect(mask('A12', 'LICENSE_NUMBER')).toBe('***');
  });
});

describe('REGISTER_NUMBER: at least 10^6 candidates', () => {
  test('USCC: authority, type and division stay (kind and registeredDivisionCode say them); 9 organisation-code characters hidden: ≥ 10^8', () => {
    const m = mask('91430408MA4L12345X', 'REGISTER_NUMBER');
    expect(m).toBe('91430408**********');
    // 9 characters of the organisation code (the USCC's check character follows from the rest)
    expect(10 ** (hiddenCount(m) - 1)).toBeGreaterThanOrEqual(1_000_000);
  });

  test('household number 430400000000123: ten digits hidden: 10^10', () => {
    const m = mask('430400000000123', 'REGISTER_NUMBER');
    expect(m).toBe('43040**********');
    expect(digitCandidates(m)).toBe(10 ** 10);
  });

  test('a number of ten or fewer characters is hidden wholly, punctuation kept', () => {
    expect(mask('ABC-12345', 'REGISTER_NUMBER')).toBe('***-*****');
    expect(mask('12345678901', 'REGISTER_NUMBER')).toBe('1**********');
  });
});

describe('free text does not keep its length', () => {
  test('an amount’s digits are not counted out', () => {
    expect(mask('未履行金额12000元', 'KEEP(5,0)')).toBe(mask('未履行金额1200000元', 'KEEP(5,0)'));
  });

  test('a surname is followed by the same run whatever the given name, and a compound surname’s length is not told', () => {
    expect(mask('王敏', 'SURNAME')).toBe(mask('王敏淑', 'SURNAME'));
    expect(Array.from(mask('欧阳修', 'SURNAME')).length).toBe(Array.from(mask('欧阳修文', 'SURNAME')).length);
  });
});
