/**
 * Authenticated cursors (issue 8, class 4). A resolver pages with a plain keyset cursor
 * (connection.ts); the policy layer seals each cursor it hands out with an HMAC that binds it to
 * the query field, the parent row (for nested lists), every argument except the paging ones, and
 * the caller (agency, data subject or anonymous). A cursor that was forged, edited, or replayed on
 * another field, with other filters or by another caller, is BAD_USER_INPUT: a hand-made cursor
 * can no longer steer a keyset scan (the binary search of issue 8 §4).
 * The key is PLATFORM_HMAC_KEY, separated from the pseudonym keys by a "cursor" label.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { hmacKey } from '../config';
import { badUserInput } from '../errors';
import type { Identity } from '../identity/identity';
import { PLUMBING_ARGUMENTS } from '../policy/metadata';

/** A canonical text of a value: object keys sorted, so `{a, b}` and `{b, a}` bind alike. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  return `{${entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
    .join(',')}}`;
}

function caller(identity: Identity): string {
  if (identity.kind === 'agency') return `agency:${identity.agency ?? ''}`;
  if (identity.kind === 'subject') return `subject:${identity.subjectKey ?? ''}`;
  return 'anonymous';
}

/** What a cursor is bound to: field, parent row key, non-paging arguments, caller. */
export function cursorScope(item: string, parentKey: unknown, args: Record<string, unknown>, identity: Identity): string {
  const filters = Object.fromEntries(Object.entries(args).filter(([name]) => !PLUMBING_ARGUMENTS.has(name)));
  return [item, canonical(parentKey ?? null), canonical(filters), caller(identity)].join('\u0000');
}

const mac = (scope: string, inner: string) =>
  createHmac('sha256', hmacKey()).update(`cursor\u0000${scope}\u0000${inner}`).digest().subarray(0, 16).toString('base64url');

/** `<inner>.<mac>`: the resolver's plain cursor (base64url already), sealed to its scope. */
export function sealCursor(scope: string, inner: string): string {
  return `${inner}.${mac(scope, inner)}`;
}

/** The plain cursor inside a sealed one, if it was issued for this scope; else BAD_USER_INPUT. */
export function unsealCursor(scope: string, sealed: unknown, argument = 'after'): string {
  const bad = () => badUserInput(`Argument "${argument}" is not a cursor this API issued for this query, these filters and this caller`, { argument });
  if (typeof sealed !== 'string' || sealed.length > 1000) throw bad();
  const dot = sealed.lastIndexOf('.');
  if (dot <= 0) throw bad();
  const inner = sealed.slice(0, dot);
  const given = Buffer.from(sealed.slice(dot + 1));
  const expected = Buffer.from(mac(scope, inner));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad();
  return inner;
}
