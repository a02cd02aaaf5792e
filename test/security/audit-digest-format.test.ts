/**
 * Issue 13: digest format 3 covers `audit_event.operation_hash` (which trusted document a row
 * ran or refused). A trail written by the previous release (format 2, hashed by the previous
 * audit_digest, before the migration that adds format 3) keeps verifying after the migration,
 * beside the new format-3 rows. Rewriting a format-3 row's operation_hash — or passing the row
 * off as format 2, whose digest ignores the column — breaks verification at that row; the same
 * rewrite of a format-2 row is what format 3 exists to close (it still verifies). Runs on a
 * governance database of its own.
 */
import { createHash } from 'node:crypto';
import { Client, Pool } from 'pg';
import { AuditWriter } from '../../platform/audit/writer';
import { verifyAuditTrail } from '../../platform/audit/verify';
import { AUDIT_FORMAT, appendAuditEvents } from '../../platform/governance';
import { pgSql } from '../../platform/db/sql';
import { openOrm } from '../../platform/db/orm';
import { dropDatabase, ensureDatabase, withDatabase } from '../../platform/db/databases';
import { subgraph as catalog } from '../../subgraphs/catalog';
import { auditEvent } from '../support/audit-trail';

const BEFORE_FORMAT_3 = 'Migration20261215000000_agency_limits';
const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const withHash = (requestId: string) => ({ ...auditEvent(requestId), operationHash: sha256(`query ${requestId} { __typename }`) });
const GUARD_OFF = `ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`;

test('format-2 rows written before the migration verify beside format-3 rows; operation_hash of a format-3 row is covered', async () => {
  const server = process.env.TEST_DATABASE_URL!;
  const database = `${process.env.DATABASE_PREFIX}_audit_format`;
  await dropDatabase(server, database).catch(() => undefined);
  await ensureDatabase(server, database);
  const url = withDatabase(server, database);
  const db = new Client({ connectionString: url });
  try {
    // The previous release: migrated up to the migration before format 3, rows written as it wrote them.
    const orm = await openOrm(catalog, url);
    try {
      await orm.migrator.up({ to: BEFORE_FORMAT_3 });
      await db.connect();
      for (const id of ['old1', 'old2', 'old3']) await appendAuditEvents(pgSql(db), [withHash(id)], 2);
      // This release's migration, then its writer.
      await orm.migrator.up();
    } finally {
      await orm.close();
    }
    expect(AUDIT_FORMAT).toBe(3);
    const writer = new AuditWriter(new Pool({ connectionString: url, max: 2 }));
    try {
      for (const id of ['new4', 'new5', 'new6']) await writer.write([withHash(id)]);
    } finally {
      await writer.close();
    }
    const rows = await db.query(`SELECT seq::int, format, operation_hash FROM audit_event ORDER BY seq`);
    expect(rows.rows.map((r) => [r.seq, r.format])).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
      [4, 3],
      [5, 3],
      [6, 3],
    ]);
    expect(rows.rows[4].operation_hash).toBe(sha256('query new5 { __typename }'));
    expect(await verifyAuditTrail(url, { mode: 'FULL' })).toMatchObject({ intact: true, events: 6 });

    await db.query(GUARD_OFF);
    // Format 2 does not cover the column: the gap format 3 closes (kept as the rows were written).
    await db.query(`UPDATE audit_event SET operation_hash = $1 WHERE seq = 2`, [sha256('query Other { __typename }')]);
    expect(await verifyAuditTrail(url, { mode: 'FULL' })).toMatchObject({ intact: true, events: 6 });

    // Format 3 does: another document's hash, or none, on row 5 breaks the chain there.
    for (const forged of [sha256('query Other { __typename }'), null]) {
      await db.query(`UPDATE audit_event SET operation_hash = $1 WHERE seq = 5`, [forged]);
      const broken = await verifyAuditTrail(url, { mode: 'FULL' });
      expect(broken).toMatchObject({ intact: false, brokenAtSeq: 5 });
      expect(broken.reason).toMatch(/does not match its hash \(edited\)/);
    }
    await db.query(`UPDATE audit_event SET operation_hash = $1 WHERE seq = 5`, [rows.rows[4].operation_hash]);
    expect(await verifyAuditTrail(url, { mode: 'FULL' })).toMatchObject({ intact: true, events: 6 });

    // Nor can a row be passed off as format 2 (or 1) to escape the column: the format is hashed too.
    for (const format of [2, 1]) {
      await db.query(`UPDATE audit_event SET format = $1, operation_hash = $2 WHERE seq = 6`, [format, sha256('query Other { __typename }')]);
      expect(await verifyAuditTrail(url, { mode: 'FULL' })).toMatchObject({ intact: false, brokenAtSeq: 6 });
    }
  } finally {
    await db.end().catch(() => undefined);
    await dropDatabase(server, database);
  }
});
