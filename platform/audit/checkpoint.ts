/**
 * Signed checkpoints of the audit chain (issue 13, item 4). Whoever can disable the append-only
 * triggers can rewrite a row and recompute every later hash: the chain alone then still verifies.
 * A checkpoint is the chain head (seq, hash) signed with the platform audit key and written
 * outside the audit database — one JSON line appended to a file, and optionally POSTed to an
 * external endpoint — so that such a rewrite no longer matches what was signed before it.
 *
 * One line: {"trail","sequence","hash","time","keyId","signature"}. The signature (Ed25519,
 * base64url) covers `hengyang-audit-checkpoint:v1`, the trail id, the sequence, the hash and the
 * time, one per line; keyId is the RFC 7638 thumbprint of the public key.
 *
 * Keys: AUDIT_CHECKPOINT_KEY (an Ed25519 private JWK; required in production by the catalog).
 * Development and tests derive one from the pseudonym key (like the e-license's derived issuer
 * keys), so that every process and `npm run audit:verify` agree without a key file. Earlier keys'
 * public halves: AUDIT_CHECKPOINT_PUBLIC_KEYS.
 */
import { createHash, createHmac, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { hmacKey, repoRoot } from '../config';
import { isProduction, refuseInProduction, setting } from '../settings/read';

export interface Checkpoint {
  trail: string;
  sequence: number;
  hash: string;
  time: string;
  keyId: string;
  signature: string;
}

const PURPOSE = 'hengyang-audit-checkpoint:v1';

export function signedText(c: Omit<Checkpoint, 'signature' | 'keyId'>): Buffer {
  return Buffer.from([PURPOSE, c.trail, String(c.sequence), c.hash, c.time].join('\n'), 'utf8');
}

/** PKCS#8 DER header of an Ed25519 private key (RFC 8410): the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** RFC 7638 thumbprint of an Ed25519 public key. */
export function keyIdOf(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  return createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }))
    .digest('base64url');
}

export interface CheckpointKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  derived: boolean;
}

/** The signing key: AUDIT_CHECKPOINT_KEY, else (never in production) one derived from the pseudonym key. */
export function checkpointKey(): CheckpointKey {
  const jwk = setting('AUDIT_CHECKPOINT_KEY');
  let privateKey: KeyObject;
  if (jwk) privateKey = createPrivateKey({ key: { ...jwk }, format: 'jwk' });
  else {
    refuseInProduction('a derived audit checkpoint key', 'AUDIT_CHECKPOINT_KEY');
    const seed = createHmac('sha256', hmacKey()).update('audit-checkpoint').digest();
    privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), derived: !jwk };
}

/** The public keys a checkpoint may be signed with, by key id: the current key and AUDIT_CHECKPOINT_PUBLIC_KEYS. */
export function checkpointVerificationKeys(current: CheckpointKey = checkpointKey()): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>([[current.keyId, current.publicKey]]);
  for (const jwk of setting('AUDIT_CHECKPOINT_PUBLIC_KEYS')?.keys ?? []) {
    const { d: _private, ...pub } = jwk as Record<string, unknown>;
    const key = createPublicKey({ key: pub, format: 'jwk' });
    keys.set(keyIdOf(key), key);
  }
  return keys;
}

export function signCheckpoint(head: { trail: string; sequence: number; hash: string }, key: CheckpointKey, time = new Date()): Checkpoint {
  const body = { trail: head.trail, sequence: head.sequence, hash: head.hash, time: time.toISOString() };
  return { ...body, keyId: key.keyId, signature: sign(null, signedText(body), key.privateKey).toString('base64url') };
}

export function checkpointSignatureValid(c: Checkpoint, keys: Map<string, KeyObject>): boolean {
  const key = keys.get(c.keyId);
  if (!key) return false;
  try {
    return verify(null, signedText(c), key, Buffer.from(c.signature, 'base64url'));
  } catch {
    return false;
  }
}

/**
 * The checkpoint file of the trail `trailId`: AUDIT_CHECKPOINT_FILE; unset, `.data/audit-checkpoints.jsonl`
 * in production and, in development, one file per trail under `.data/audit-checkpoints/`, so that
 * a rebuilt development or test database starts a file of its own (in one file, a line of another
 * trail is an error: verification cannot tell it from a rewrite).
 */
export function checkpointFilePath(trailId: string): string {
  const configured = setting('AUDIT_CHECKPOINT_FILE');
  if (configured) return path.resolve(repoRoot, configured);
  if (isProduction()) return path.join(repoRoot, '.data', 'audit-checkpoints.jsonl');
  return path.join(repoRoot, '.data', 'audit-checkpoints', `${trailId.replace(/[^0-9a-f-]/gi, '')}.jsonl`);
}

/** Appends one line and flushes it to disk before returning (the anchor must survive a crash). */
export async function appendCheckpoint(file: string, c: Checkpoint): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'a', 0o640);
  try {
    await handle.write(`${JSON.stringify(c)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface CheckpointLine {
  line: number;
  checkpoint?: Checkpoint;
  /** Why the line is not a checkpoint. */
  problem?: string;
}

const isCheckpoint = (v: unknown): v is Checkpoint => {
  const c = v as Checkpoint;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof c.trail === 'string' &&
    Number.isSafeInteger(c.sequence) &&
    c.sequence > 0 &&
    /^[0-9a-f]{64}$/.test(c.hash) &&
    typeof c.time === 'string' &&
    typeof c.keyId === 'string' &&
    typeof c.signature === 'string'
  );
};

/** Every line of the file (none when it does not exist); a line that is not a checkpoint is reported, not skipped. */
export async function readCheckpoints(file: string): Promise<CheckpointLine[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return text
    .split('\n')
    .map((raw, i) => ({ raw, line: i + 1 }))
    .filter(({ raw }) => raw.trim() !== '')
    .map(({ raw, line }) => {
      try {
        const parsed: unknown = JSON.parse(raw);
        return isCheckpoint(parsed) ? { line, checkpoint: parsed } : { line, problem: 'not a checkpoint' };
      } catch {
        return { line, problem: 'not JSON' };
      }
    });
}

/**
 * POSTs a checkpoint to the external endpoint (AUDIT_CHECKPOINT_URL). The URL comes from the
 * operator's configuration, not from a caller, but it is still handled as webhooks are
 * (platform/webhooks): http(s) only, no credentials, redirects not followed (a redirect could
 * point the platform at an internal service), a 10 s timeout, and the response body never read
 * into a log. Returns null when the endpoint answered 2xx, else why not.
 */
export async function pushCheckpoint(url: string, c: Checkpoint): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(c),
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    return res.status >= 200 && res.status < 300 ? null : `the endpoint answered HTTP ${res.status}`;
  } catch (e) {
    return e instanceof Error && e.name === 'TimeoutError' ? 'the endpoint did not answer within 10 s' : 'the endpoint could not be reached';
  }
}
