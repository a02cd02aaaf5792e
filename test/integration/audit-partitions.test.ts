/**
 * Issue 13, item 4: the audit trail partitioned by month (Asia/Shanghai months). The catalog's
 * upkeep (platform/audit/upkeep.ts, at start and hourly) creates the partitions ahead of both
 * the real and the platform clock; moving the platform clock to a month's last second shows an
 * event on each side of midnight landing in its own month's partition with the chain unbroken
 * across them; an event of a month without a partition still lands (DEFAULT) and still verifies.
 * Every partition keeps the append-only guards. On a governance database of its own.
 */
import { Client, Pool } from 'pg';
import { AuditWriter } from '../../platform/audit/writer';
import { maintainAuditPartitions } from '../../platform/audit/upkeep';
import { verifyAuditTrail } from '../../platform/audit/verify';
import { pgSql } from '../../platform/db/sql';
import { setPlatformClockOffset } from '../../platform/governance';
import { auditEvent, withGovernanceDatabase } from '../support/audit-trail';

/** The first instant of the month `months` after now's (Asia/Shanghai, UTC+8 all year). */
function monthStart(months: number): Date {
  const china = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() + months, 1) - 8 * 3600_000);
}
const suffix = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7).replace('-', '_');

test('partitions are made ahead of the platform clock; the chain runs on across a month boundary; guards on every partition', async () => {
  await withGovernanceDatabase('audit_partitions', async (url) => {
    const db = new Client({ connectionString: url });
    await db.connect();
    const pool = new Pool({ connectionString: url, max: 2 });
    const writer = new AuditWriter(new Pool({ connectionString: url, max: 2 }));
    const partitionOf = async (requestId: string) =>
      (await db.query(`SELECT tableoid::regclass::text AS p FROM audit_event WHERE request_id = $1`, [requestId])).rows[0]?.p as string;
    const exists = async (name: string) => (await db.query(`SELECT to_regclass($1) IS NOT NULL AS e`, [name])).rows[0].e as boolean;
    try {
      // The migration made this month and three ahead; the month six ahead is not there yet.
      const boundary = monthStart(6);
      const lastMonth = monthStart(5);
      expect(await exists(`audit_event_${suffix(monthStart(3))}`)).toBe(true);
      expect(await exists(`audit_event_${suffix(boundary)}`)).toBe(false);

      // The platform clock moved to the last second of month +5: the upkeep makes +5 and three more.
      await setPlatformClockOffset(pgSql(db), boundary.getTime() - 1000 - Date.now(), 'audit partition test');
      expect(await maintainAuditPartitions(pool)).toBeGreaterThanOrEqual(4);
      for (const m of [5, 6, 7, 8]) expect(await exists(`audit_event_${suffix(monthStart(m))}`)).toBe(true);
      expect(await exists(`audit_event_subject_${suffix(boundary)}`)).toBe(true);
      // Idempotent: a second pass makes nothing.
      expect(await maintainAuditPartitions(pool)).toBe(0);

      // One event on each side of midnight, and one of a month with no partition (DEFAULT).
      await writer.write([auditEvent('before', new Date(boundary.getTime() - 1), 2)]);
      await writer.write([auditEvent('after', boundary, 3)]);
      await writer.write([auditEvent('far', monthStart(30))]);
      expect(await partitionOf('before')).toBe(`audit_event_${suffix(lastMonth)}`);
      expect(await partitionOf('after')).toBe(`audit_event_${suffix(boundary)}`);
      expect(await partitionOf('far')).toBe('audit_event_default');
      const subjects = (
        await db.query(
          `SELECT tableoid::regclass::text AS p, count(*)::int AS n FROM audit_event_subject GROUP BY 1 ORDER BY tableoid::regclass::text COLLATE "C"`,
        )
      ).rows;
      expect(subjects).toEqual([
        { p: `audit_event_subject_${suffix(lastMonth)}`, n: 2 },
        { p: `audit_event_subject_${suffix(boundary)}`, n: 3 },
        { p: 'audit_event_subject_default', n: 1 },
      ]);
      const chain = (await db.query(`SELECT seq::int, prev_hash, hash FROM audit_event ORDER BY seq`)).rows;
      expect(chain.map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(chain[1].prev_hash).toBe(chain[0].hash);
      expect(await verifyAuditTrail(url, { mode: 'FULL' })).toMatchObject({ intact: true, events: 3 });

      // The month whose rows sit in DEFAULT is left there (PostgreSQL would refuse the partition).
      const [{ created }] = (await db.query(`SELECT audit_ensure_partition($1) AS created`, [monthStart(30)])).rows;
      expect(created).toBe(false);

      // Append-only on every partition, new ones included, and on the DEFAULT partition.
      for (const table of [`audit_event_${suffix(boundary)}`, 'audit_event_default', `audit_event_subject_${suffix(boundary)}`]) {
        await expect(db.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
        await expect(db.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
      }
      await expect(db.query(`UPDATE audit_event SET agency = 'x' WHERE request_id = 'after'`)).rejects.toThrow(/append-only/);
    } finally {
      await writer.close();
      await pool.end();
      await db.end();
    }
  });
});
