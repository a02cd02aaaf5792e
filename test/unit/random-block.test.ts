/** platform/random-block.ts: slices of a CSPRNG block, each handed out once (nonces, licence salts). */
import { freshRandom } from '../../platform/random-block';

test('values have the asked length and encoding and never repeat, across many blocks', () => {
  const seen = new Set<string>();
  // 16-byte nonces: 3,000 of them span three 16 KiB blocks.
  for (let i = 0; i < 3000; i++) {
    const v = freshRandom(16, 'hex');
    expect(v).toMatch(/^[0-9a-f]{32}$/);
    seen.add(v);
  }
  for (let i = 0; i < 1000; i++) {
    const v = freshRandom(32, 'base64url');
    expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    seen.add(v);
  }
  expect(seen.size).toBe(4000);
});

test('a request larger than a block is served whole', () => {
  expect(freshRandom(20_000, 'hex')).toHaveLength(40_000);
});
