/**
 * Pseudonymous federation keys (docs/DECISIONS.md "Keys and identifiers"): an entity's key is a keyed hash of its
 * natural identifier, so any subgraph computes it locally, and query plans, logs and the audit
 * trail never carry ID numbers. 128 bits of HMAC-SHA256, base64url: short and collision-free
 * at any city's scale.
 */
import { createHmac } from 'node:crypto';
import { hmacKey } from './config';

export function pseudonymousKey(kind: string, naturalId: string): string {
  return createHmac('sha256', hmacKey()).update(`${kind}:${naturalId}`).digest().subarray(0, 16).toString('base64url');
}

/** Key of a Person: from the citizen ID number (GB 11643). */
export const personKey = (idNumber: string) => pseudonymousKey('person', idNumber.toUpperCase());
/** Key of a LegalPerson: from the unified social credit code (GB 32100). */
export const legalPersonKey = (uscc: string) => pseudonymousKey('legal-person', uscc.toUpperCase());
