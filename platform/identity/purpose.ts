/**
 * The purpose of a request (Art. 19) travels in `x-purpose` as percent-encoded UTF-8, since an
 * HTTP header cannot carry raw Chinese. A value that is not valid percent-encoding is refused.
 */
import { GraphQLError } from 'graphql';

export const PURPOSE_HEADER = 'x-purpose';
const MAX_PURPOSE_LENGTH = 200;

export function decodePurpose(header: string | undefined | null): string | undefined {
  if (header == null || header === '') return undefined;
  let purpose: string;
  try {
    purpose = decodeURIComponent(header);
  } catch {
    throw new GraphQLError('The x-purpose header is not valid percent-encoded UTF-8 (use encodeURIComponent)', {
      extensions: { code: 'BAD_USER_INPUT', argument: 'x-purpose', http: { status: 400 } },
    });
  }
  purpose = purpose.trim();
  if (purpose.length > MAX_PURPOSE_LENGTH) {
    throw new GraphQLError(`The x-purpose header is longer than ${MAX_PURPOSE_LENGTH} characters`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'x-purpose', http: { status: 400 } },
    });
  }
  return purpose || undefined;
}
