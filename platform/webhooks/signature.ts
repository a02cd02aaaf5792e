/**
 * Webhook signatures (issue 10, item 8): each POST carries `x-hengyang-signature: sha256=<hex>`, the
 * HMAC-SHA256 of the exact body bytes under the agency's secret. The secret is derived from the
 * platform key and a nonce drawn at registration, so it is never stored: it is shown to the
 * agency once, and a new registration (new nonce) rotates it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hmacKey } from '../config';

export const SIGNATURE_HEADER = 'x-hengyang-signature';
export const DELIVERY_HEADER = 'x-hengyang-delivery';

export const newSecretNonce = () => randomBytes(24).toString('hex');

export function webhookSecret(agency: string, nonce: string, key: string = hmacKey()): string {
  return createHmac('sha256', key).update(`webhook-secret\u001f${agency}\u001f${nonce}`).digest('hex');
}

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
