/**
 * The purpose of a request (Art. 19) travels in `x-purpose` as percent-encoded UTF-8, since an
 * HTTP header cannot carry raw Chinese. A value that is not valid percent-encoding is refused.
 */
import { badUserInput } from '../errors';

export const PURPOSE_HEADER = 'x-purpose';
const MAX_PURPOSE_LENGTH = 200;

export function decodePurpose(header: string | undefined | null): string | undefined {
  if (header == null || header === '') return undefined;
  let purpose: string;
  try {
    purpose = decodeURIComponent(header);
  } catch {
    throw badUserInput('The x-purpose header is not valid percent-encoded UTF-8 (use encodeURIComponent)', { argument: 'x-purpose', http: { status: 400 } });
  }
  purpose = purpose.trim();
  if (purpose.length > MAX_PURPOSE_LENGTH) {
    throw badUserInput(`The x-purpose header is longer than ${MAX_PURPOSE_LENGTH} characters`, { argument: 'x-purpose', http: { status: 400 } });
  }
  return purpose || undefined;
}
