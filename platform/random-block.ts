/**
 * Fresh random bytes for values made thousands of times a second (a subgraph request's nonce, a
 * licence's salt): drawn from the CSPRNG a block at a time and handed out as slices, each slice
 * used once. One `randomBytes` call per value was 1-3 % of the caller's CPU (docs/PERFORMANCE.md);
 * the bytes are the same CSPRNG's either way.
 */
import { randomBytes } from 'node:crypto';

const BLOCK_BYTES = 16 * 1024;
let block = Buffer.alloc(0);
let offset = 0;

/** `n` random bytes (n ≤ 16 KiB) encoded as hex or base64url, never handed out twice. */
export function freshRandom(n: number, encoding: 'hex' | 'base64url'): string {
  if (n > BLOCK_BYTES) return randomBytes(n).toString(encoding);
  if (offset + n > block.length) {
    block = randomBytes(BLOCK_BYTES);
    offset = 0;
  }
  const text = block.toString(encoding, offset, offset + n);
  offset += n;
  return text;
}
