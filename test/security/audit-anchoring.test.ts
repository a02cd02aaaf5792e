/**
 * Issue 13, item 4: the rewrite that disabling the triggers allows. Someone with DDL rights on the
 * governance database disables the append-only guard, edits a row and recomputes its hash and
 * every later row's hash (and the chain head's) — the chain then verifies on its own. The signed
 * checkpoints written outside the database (the catalog's upkeep, platform/audit/upkeep.ts) catch
 * it; so do a cut tail, a forged checkpoint line and a checkpoint file of another trail. Runs on a
 * governance database of its own: the shared platform's trail is never tampered with.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateKeyPairSync, sign } from 'node:crypto';
import { Client, Pool } from 'pg';
import { AuditWriter } from '../../platform/audit/writer';
import { writeAuditCheckpoint } from '../../platform/audit/upkeep';
import { verifyAuditTrail } from '../../platform/audit/verify';
import { keyIdOf, readCheckpoints, signedText } from '../../platform/audit/checkpoint';
import { auditEvent, withGovernanceDatabase } from '../support/audit-trail';

/** With the append-only guard off: row `seq` edited, it and every later row re-hashed, the head moved along. */
const CONSISTENT_REWRITE = `
  DO $$ DECLARE r audit_event; prev text; BEGIN
    ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only;
    UPDATE audit_event SET agency = 'someone-else' WHERE seq = $SEQ;
    SELECT hash INTO prev FROM audit_event WHERE seq = $SEQ - 1;
    FOR r IN SELECT * FROM audit_event WHERE seq >= $SEQ ORDER BY seq LOOP
      r.prev_hash := prev;
      r.hash := audit_digest(r);
      UPDATE audit_event SET prev_hash = r.prev_hash, hash = r.hash WHERE seq = r.seq;
      prev := r.hash;
    END LOOP;
    UPDATE audit_chain_head SET last_hash = prev WHERE id = 1;
    ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only;
  END $$`;

describe('checkpoints outside the database catch what the chain alone cannot', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'audit-anchor-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('a consistent rewrite after the triggers are disabled verifies as a chain but fails against the checkpoint file', async () => {
    await withGovernanceDatabase('audit_anchor', async (url) => {
      const file = path.join(dir, 'rewrite.jsonl');
      const pool = new Pool({ connectionString: url, max: 2 });
      const writer = new AuditWriter(new Pool({ connectionString: url, max: 2 }));
      const db = new Client({ connectionString: url });
      await db.connect();
      try {
        for (let i = 0; i < 6; i++) await writer.write([auditEvent(`r${i}`)]);
        const first = await writeAuditCheckpoint(pool, { file });
        expect(first?.sequence).toBe(6);
        // Nothing new: no second line for the same head.
        expect(await writeAuditCheckpoint(pool, { file })).toBeUndefined();
        for (let i = 6; i < 10; i++) await writer.write([auditEvent(`r${i}`)]);
        await writeAuditCheckpoint(pool, { file });
        for (let i = 10; i < 12; i++) await writer.write([auditEvent(`r${i}`)]);
        expect((await readCheckpoints(file)).map((l) => l.checkpoint?.sequence)).toEqual([6, 10]);
        expect((await db.query(`SELECT seq::int FROM audit_checkpoint ORDER BY seq`)).rows.map((r) => r.seq)).toEqual([6, 10]);

        const intact = await verifyAuditTrail(url, { checkpointFile: file });
        expect(intact).toMatchObject({ intact: true, mode: 'FROM_CHECKPOINT', fromSeq: 11, throughSeq: 12, events: 2 });
        expect(intact.checkpoints).toMatchObject({ inFile: 2, matched: 2 });
        expect(await verifyAuditTrail(url, { checkpointFile: file, mode: 'FULL' })).toMatchObject({ intact: true, events: 12 });

        await db.query(CONSISTENT_REWRITE.replace(/\$SEQ/g, '3'));
        expect((await db.query(`SELECT agency FROM audit_event WHERE seq = 3`)).rows[0].agency).toBe('someone-else');
        // The chain alone is fooled: every row recomputes and links.
        expect(await verifyAuditTrail(url, { mode: 'FULL' })).toMatchObject({ intact: true, events: 12 });
        // Against the checkpoints it is not, in either mode: the first checkpoint's row changed.
        for (const mode of ['FROM_CHECKPOINT', 'FULL'] as const) {
          const broken = await verifyAuditTrail(url, { checkpointFile: file, mode });
          expect(broken).toMatchObject({ intact: false, brokenAtSeq: 6 });
          expect(broken.reason).toMatch(/differs from the checkpoint signed .* rewritten at or before this row/);
        }
      } finally {
        await db.end();
        await writer.close();
        await pool.end();
      }
    });
  });

  test('a cut tail, a forged line and a file of another trail are each refused', async () => {
    await withGovernanceDatabase('audit_anchor', async (url) => {
      const file = path.join(dir, 'tail.jsonl');
      const pool = new Pool({ connectionString: url, max: 2 });
      const writer = new AuditWriter(new Pool({ connectionString: url, max: 2 }));
      const db = new Client({ connectionString: url });
      await db.connect();
      try {
        for (let i = 0; i < 5; i++) await writer.write([auditEvent(`t${i}`)]);
        const signed = (await writeAuditCheckpoint(pool, { file }))!;
        expect((await verifyAuditTrail(url, { checkpointFile: file })).intact).toBe(true);

        // A line signed by a key the platform does not know (an attacker's own checkpoint).
        const forged = path.join(dir, 'forged.jsonl');
        const attacker = generateKeyPairSync('ed25519');
        const body = { trail: signed.trail, sequence: 3, hash: signed.hash, time: new Date().toISOString() };
        await fs.writeFile(
          forged,
          `${JSON.stringify({ ...body, keyId: keyIdOf(attacker.publicKey), signature: sign(null, signedText(body), attacker.privateKey).toString('base64url') })}\n`,
        );
        expect((await verifyAuditTrail(url, { checkpointFile: forged })).reason).toMatch(/line 1 \(seq 3\): its signature does not verify/);
        // The platform's own line with its hash edited no longer verifies either.
        const edited = path.join(dir, 'edited.jsonl');
        await fs.writeFile(edited, `${JSON.stringify({ ...signed, hash: '1'.repeat(64) })}\n`);
        expect((await verifyAuditTrail(url, { checkpointFile: edited })).reason).toMatch(/signature does not verify/);
        // A line of another trail (another database's file pointed at this one).
        const other = path.join(dir, 'other.jsonl');
        await fs.writeFile(other, `${JSON.stringify({ ...signed, trail: '00000000-0000-0000-0000-000000000000' })}\n`);
        expect((await verifyAuditTrail(url, { checkpointFile: other })).reason).toMatch(/of another audit trail/);
        // A malformed line is an error, not skipped.
        const malformed = path.join(dir, 'malformed.jsonl');
        await fs.writeFile(malformed, `${JSON.stringify(signed)}\nnot json\n`);
        expect((await verifyAuditTrail(url, { checkpointFile: malformed })).reason).toBe('checkpoint file line 2 is not JSON');

        // The last rows deleted and the head set back: the chain alone verifies, the checkpoint does not.
        await db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
        await db.query(`ALTER TABLE audit_event_subject DISABLE TRIGGER audit_event_subject_append_only`);
        await db.query(`DELETE FROM audit_event_subject WHERE event_seq >= 4`);
        await db.query(`DELETE FROM audit_event WHERE seq >= 4`);
        await db.query(`UPDATE audit_chain_head SET last_seq = 3, last_hash = (SELECT hash FROM audit_event WHERE seq = 3)`);
        expect(await verifyAuditTrail(url, { mode: 'FULL' })).toMatchObject({ intact: true, events: 3 });
        const cut = await verifyAuditTrail(url, { checkpointFile: file });
        expect(cut).toMatchObject({ intact: false, brokenAtSeq: 4 });
        expect(cut.reason).toMatch(/names seq 5 but the chain head records 3 rows \(rows removed from the end\)/);
      } finally {
        await db.end();
        await writer.close();
        await pool.end();
      }
    });
  });

  test('an archived month (its partitions detached and checked alone) verifies against the checkpoints, and an edit in it does not', async () => {
    await withGovernanceDatabase('audit_anchor', async (url) => {
      const file = path.join(dir, 'archive.jsonl');
      const pool = new Pool({ connectionString: url, max: 2 });
      const writer = new AuditWriter(new Pool({ connectionString: url, max: 2 }));
      const db = new Client({ connectionString: url });
      await db.connect();
      // Next month (Asia/Shanghai), which the migration made ahead of time, and the current one.
      const china = new Date(Date.now() + 8 * 3600_000);
      const next = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() + 1, 1) - 8 * 3600_000);
      const suffix = new Date(next.getTime() + 8 * 3600_000).toISOString().slice(0, 7).replace('-', '_');
      try {
        // Seqs interleave at the boundary: seq 3 is a late event of this month, written after seq 2 of the next.
        await writer.write([auditEvent('a1', new Date(next.getTime() - 2000))]);
        await writeAuditCheckpoint(pool, { file });
        await writer.write([auditEvent('a2', next)]);
        await writer.write([auditEvent('a3', new Date(next.getTime() - 1))]);
        await writer.write([auditEvent('a4', new Date(next.getTime() + 1000))]);
        await writeAuditCheckpoint(pool, { file });
        expect((await verifyAuditTrail(url, { checkpointFile: file, mode: 'FULL' })).intact).toBe(true);
        // What an archive of this month holds: seq 1 and 3 (next month's partitions set aside).
        await db.query(`ALTER TABLE audit_event_subject DETACH PARTITION audit_event_subject_${suffix}`);
        await db.query(`ALTER TABLE audit_event DETACH PARTITION audit_event_${suffix}`);
        const archive = await verifyAuditTrail(url, { checkpointFile: file, archive: true });
        expect(archive).toMatchObject({ intact: true, fromSeq: 1, throughSeq: 3, events: 2 });
        expect(archive.checkpoints.matched).toBe(1);
        // The live check refuses the same state: rows are missing from the chain.
        expect((await verifyAuditTrail(url, { checkpointFile: file })).intact).toBe(false);
        await db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
        await db.query(`UPDATE audit_event SET agency = 'someone-else' WHERE seq = 3`);
        expect(await verifyAuditTrail(url, { checkpointFile: file, archive: true })).toMatchObject({ intact: false, brokenAtSeq: 3 });
      } finally {
        await db.end();
        await writer.close();
        await pool.end();
      }
    });
  });
});
