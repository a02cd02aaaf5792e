/**
 * HTTP header values are Latin-1, so the router takes `x-purpose` percent-encoded (UTF-8). People
 * type the purpose in Chinese: the explorer encodes it for them, and leaves an already encoded
 * value (only ASCII, with %XX escapes) as it is.
 */
export function encodePurpose(value: string): string {
  if (/^[\x21-\x7e]*$/.test(value)) return value;
  return encodeURIComponent(value);
}

/** Header values as strings, `x-purpose` (any case) encoded, a placeholder token dropped. */
export function purposeHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    const value = String(raw);
    if (name.toLowerCase() === 'authorization' && value.includes('<')) continue;
    out[name] = name.toLowerCase() === 'x-purpose' ? encodePurpose(value) : value;
  }
  return out;
}
