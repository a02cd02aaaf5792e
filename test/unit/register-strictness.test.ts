// The strictness order of the catalogue register (issue 10, item 3): what a release may tighten and
// the bureau may change without a review.
import { compareLevel, compareMask, compareOpen, compareSharing, loosenedAttributes, stricterOf, type Classification } from '../../platform/policy/strictness';

const c = (over: Partial<Classification> = {}): Classification => ({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'PHONE', basis: null, ...over });

describe('stricter, per attribute', () => {
  test('sharing NONE > CONDITIONAL > UNCONDITIONAL; open CLOSED > CONDITIONAL > OPEN; level L4 > L1', () => {
    expect(compareSharing('NONE', 'CONDITIONAL')).toBe('STRICTER');
    expect(compareSharing('UNCONDITIONAL', 'CONDITIONAL')).toBe('LOOSER');
    expect(compareOpen('CLOSED', 'OPEN')).toBe('STRICTER');
    expect(compareOpen('CONDITIONAL', 'CLOSED')).toBe('LOOSER');
    expect(compareLevel('L4', 'L1')).toBe('STRICTER');
    expect(compareLevel('L2', 'L2')).toBe('EQUAL');
  });

  test('masks: FULL < KEEP/RANGE < a format mask < HASH; within KEEP and RANGE by what they leave; different kinds of a rank are not comparable', () => {
    expect(compareMask('PHONE', 'FULL')).toBe('STRICTER');
    expect(compareMask('FULL', 'SURNAME')).toBe('LOOSER');
    expect(compareMask('HASH', 'ID_NUMBER')).toBe('STRICTER');
    expect(compareMask('KEEP(1,0)', 'KEEP(3,4)')).toBe('STRICTER');
    expect(compareMask('KEEP(3,4)', 'KEEP(1,0)')).toBe('LOOSER');
    expect(compareMask('KEEP(0,4)', 'KEEP(3,0)')).toBe('INCOMPARABLE');
    expect(compareMask('RANGE(2,9)', 'RANGE(3,8)')).toBe('STRICTER');
    expect(compareMask('PHONE', 'EMAIL')).toBe('INCOMPARABLE');
    expect(compareMask('keep( 1 , 0 )', 'KEEP(1,0)')).toBe('EQUAL');
  });

  test('loosened attributes: looser or not comparable', () => {
    expect(loosenedAttributes(c({ type: 'NONE', level: 'L4' }), c())).toEqual([]);
    expect(loosenedAttributes(c({ type: 'UNCONDITIONAL', level: 'L4' }), c())).toEqual(['type']);
    expect(loosenedAttributes(c({ mask: 'EMAIL' }), c())).toEqual(['mask']);
  });

  test('stricterOf takes the stricter of each attribute, the floor where masks are not comparable, the basis with its type', () => {
    const register = c({ type: 'CONDITIONAL', level: 'L2', mask: 'EMAIL' });
    const code = c({ type: 'NONE', level: 'L1', mask: 'PHONE', basis: '某法' });
    expect(stricterOf(register, code)).toEqual({ type: 'NONE', open: 'CLOSED', level: 'L2', mask: 'PHONE', basis: '某法' });
    expect(stricterOf(c({ type: 'NONE', basis: '局方依据' }), c({ type: 'CONDITIONAL' }))).toMatchObject({ type: 'NONE', basis: '局方依据' });
  });
});
