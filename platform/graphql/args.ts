/** Validation of common scalar arguments; a bad value is a BAD_USER_INPUT naming the argument. */
import { badUserInput } from '../errors';
import { isIsoDay } from '../time';

export function assertIsoDate(value: string, argument: string): string {
  if (!isIsoDay(value)) {
    throw badUserInput(`Argument "${argument}" must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`, { argument });
  }
  return value;
}

/** GB/T 2260 administrative division code: six digits. */
export function assertDivisionCode(value: string, argument = 'divisionCode'): string {
  if (!/^\d{6}$/.test(value)) {
    throw badUserInput(`Argument "${argument}" must be a six-digit GB/T 2260 division code, got ${JSON.stringify(value)}`, { argument });
  }
  return value;
}

export function assertNonEmpty(value: string, argument: string, maxLength = 100): string {
  const v = value.trim();
  if (!v || v.length > maxLength) {
    throw badUserInput(`Argument "${argument}" must be 1 to ${maxLength} characters`, { argument });
  }
  return v;
}
