import { Migration } from '@mikro-orm/migrations';

/**
 * The row digest of migrations/governance/…_audit_uncapped, unchanged, on the parent's row type.
 * Declared STABLE (to_char and concat_ws are): PostgreSQL then inlines it into the verifying
 * query, where an IMMUTABLE function calling STABLE ones is called row by row (5× slower).
 */
const AUDIT_DIGEST = `CREATE FUNCTION audit_digest(e audit_event) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN e.format = 1 THEN
        encode(sha256(convert_to(concat_ws(chr(30),
          e.seq::text,
          to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          e.request_id, e.subgraph, coalesce(e.agency, ''), coalesce(e.operator, ''), coalesce(e.actor_subject, ''),
          coalesce(e.purpose, ''), coalesce(e.operation, ''), e.resource,
          array_to_string(e.items_served, chr(31)), array_to_string(e.items_masked, chr(31)),
          array_to_string(e.items_refused, chr(31)), array_to_string(e.subject_keys, chr(31)),
          e.decision, e.prev_hash), 'UTF8')), 'hex')
      ELSE
        encode(sha256(convert_to(concat_ws(chr(30),
          'v' || e.format::text,
          e.seq::text,
          to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          e.request_id, coalesce(e.correlation_id, ''), e.subgraph, coalesce(e.agency, ''),
          coalesce(e.agency_verified::text, ''), coalesce(e.operator, ''), coalesce(e.actor_subject, ''),
          coalesce(e.purpose, ''), coalesce(e.operation, ''), e.resource,
          array_to_string(e.items_served, chr(31)), array_to_string(e.items_masked, chr(31)),
          array_to_string(e.items_refused, chr(31)), array_to_string(e.subject_keys, chr(31)),
          e.subject_count::text, coalesce(e.subjects_digest, ''),
          coalesce(e.refusal_reason, ''), coalesce(e.source_address, ''), e.refusal_count::text,
          e.decision, e.prev_hash), 'UTF8')), 'hex')
      END
$$`;

/**
 * The audit trail for years of traffic (issue 13, item 4):
 *
 *  - `audit_event` and `audit_event_subject` become partitioned by month (PostgreSQL declarative
 *    range partitioning on the event's time, months as the city counts them: Asia/Shanghai). The
 *    existing rows are copied unchanged — seq, prev_hash and hash included — so the one chain runs
 *    on across partitions; the chain trigger and the append-only triggers sit on the partitioned
 *    parents, which PostgreSQL clones onto every partition, present and future. TRUNCATE triggers
 *    are per table, so `audit_ensure_partition` adds them to each partition it creates.
 *  - Subject rows carry their event's time (`event_at`) so that a month's subjects sit in the
 *    month's partition and are archived with it. The foreign key to the event goes: a key into a
 *    partitioned table would have to name the partition key and would block detaching a month;
 *    verification already checks every subject row against the digest its event's hash covers.
 *  - A DEFAULT partition catches an event whose month has no partition yet, so an insert never
 *    fails for want of one; the catalog creates partitions months ahead at boot and every hour
 *    (platform/governance/audit-partitions.ts), and leaves a month in DEFAULT when rows of it
 *    already landed there.
 *  - `audit_chain_head.trail_id`: the trail's identity, signed into its checkpoints.
 *  - `audit_checkpoint`: the signed chain heads (platform/audit/checkpoint.ts) — a copy for the
 *    portal; the anchor is the append-only file and the external endpoint, outside this database.
 *  - `audit_verification`: each verification's outcome ("last verified").
 *
 * A column added later is added to the parent (`ALTER TABLE audit_event ADD COLUMN …`) and so to
 * every partition; `audit_digest` takes the parent's row type.
 */
export class Migration20261214000000_audit_partitions extends Migration {
  async up(): Promise<void> {
    this.addSql(`LOCK TABLE audit_chain_head, audit_event, audit_event_subject IN ACCESS EXCLUSIVE MODE`);
    this.addSql(`ALTER TABLE audit_event RENAME TO audit_event_unpartitioned`);
    this.addSql(`ALTER TABLE audit_event_subject RENAME TO audit_event_subject_unpartitioned`);

    // Same columns in the same order (the digest reads the row type), same defaults and checks.
    this.addSql(`CREATE TABLE audit_event (LIKE audit_event_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (at)`);
    this.addSql(`CREATE TABLE audit_event_subject (
      event_seq bigint NOT NULL,
      subject_key text NOT NULL,
      disclosed boolean NOT NULL,
      event_at timestamptz NOT NULL
    ) PARTITION BY RANGE (event_at)`);
    this.addSql(`CREATE TABLE audit_event_default PARTITION OF audit_event DEFAULT`);
    this.addSql(`CREATE TABLE audit_event_subject_default PARTITION OF audit_event_subject DEFAULT`);
    for (const table of ['audit_event_default', 'audit_event_subject_default'])
      this.addSql(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`);

    // The first day of the month (Asia/Shanghai) an instant falls in.
    this.addSql(`CREATE FUNCTION audit_month_start(t timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT date_trunc('month', t AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
    $$`);
    // One month's pair of partitions (events, subjects), with their TRUNCATE guards. Returns
    // whether it created them: false when they exist, or when rows of that month already sit in
    // the DEFAULT partition (PostgreSQL would refuse; they stay there and verify as usual).
    this.addSql(`CREATE FUNCTION audit_ensure_partition(month timestamptz) RETURNS boolean LANGUAGE plpgsql AS $$
      DECLARE
        lo timestamptz := audit_month_start(month);
        hi timestamptz := audit_month_start(lo + interval '40 days');
        suffix text := to_char(lo AT TIME ZONE 'Asia/Shanghai', 'YYYY_MM');
      BEGIN
        IF to_regclass('audit_event_' || suffix) IS NOT NULL THEN RETURN false; END IF;
        IF EXISTS (SELECT 1 FROM audit_event_default WHERE at >= lo AND at < hi)
           OR EXISTS (SELECT 1 FROM audit_event_subject_default WHERE event_at >= lo AND event_at < hi) THEN
          RAISE WARNING 'audit events of % are in the default partition; no partition created for that month', suffix;
          RETURN false;
        END IF;
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)', 'audit_event_' || suffix, lo, hi);
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_event_subject FOR VALUES FROM (%L) TO (%L)', 'audit_event_subject_' || suffix, lo, hi);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()',
          'audit_event_' || suffix || '_no_truncate', 'audit_event_' || suffix);
        EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()',
          'audit_event_subject_' || suffix || '_no_truncate', 'audit_event_subject_' || suffix);
        RETURN true;
      END $$`);
    // Every month from the one of \`from\` to the one of \`through\`, inclusive; the number created.
    this.addSql(`CREATE FUNCTION audit_ensure_partitions(from_t timestamptz, through_t timestamptz) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE m timestamptz := audit_month_start(from_t); created integer := 0;
      BEGIN
        WHILE m <= through_t LOOP
          IF audit_ensure_partition(m) THEN created := created + 1; END IF;
          m := audit_month_start(m + interval '40 days');
        END LOOP;
        RETURN created;
      END $$`);
    this.addSql(`SELECT audit_ensure_partitions(
      least(now(), (SELECT min(at) FROM audit_event_unpartitioned)),
      greatest(now(), (SELECT max(at) FROM audit_event_unpartitioned)) + interval '3 months')`);

    // The rows as they are: no trigger on the new parent yet, so nothing is re-chained.
    this.addSql(`INSERT INTO audit_event SELECT * FROM audit_event_unpartitioned ORDER BY seq`);
    this.addSql(`INSERT INTO audit_event_subject (event_seq, subject_key, disclosed, event_at)
      SELECT s.event_seq, s.subject_key, s.disclosed, e.at
        FROM audit_event_subject_unpartitioned s JOIN audit_event_unpartitioned e ON e.seq = s.event_seq`);

    // The digest takes the row type of the new parent (same columns, same formula as before).
    this.addSql(`DROP FUNCTION audit_digest(audit_event_unpartitioned)`);
    this.addSql(AUDIT_DIGEST);
    this.addSql(`ALTER FUNCTION audit_subjects_digest(text[], boolean[]) PARALLEL SAFE`);
    this.addSql(`DROP TABLE audit_event_subject_unpartitioned`);
    this.addSql(`DROP TABLE audit_event_unpartitioned`);

    // Keys include the partition key (PostgreSQL's rule); seq stays unique through the chain head.
    this.addSql(`ALTER TABLE audit_event ADD PRIMARY KEY (seq, at)`);
    this.addSql(`CREATE INDEX audit_event_request_idx ON audit_event (request_id)`);
    this.addSql(`CREATE INDEX audit_event_agency_at_idx ON audit_event (agency, at)`);
    this.addSql(`CREATE INDEX audit_event_at_idx ON audit_event (at)`);
    this.addSql(`CREATE INDEX audit_event_subjects_idx ON audit_event USING gin (subject_keys)`);
    this.addSql(`CREATE INDEX audit_event_correlation_idx ON audit_event (agency, correlation_id) WHERE correlation_id IS NOT NULL`);
    this.addSql(`ALTER TABLE audit_event_subject ADD PRIMARY KEY (event_seq, subject_key, event_at)`);
    this.addSql(`CREATE INDEX audit_event_subject_key_idx ON audit_event_subject (subject_key, event_seq)`);

    this.addSql(`CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_chain()`);
    for (const table of ['audit_event', 'audit_event_subject']) {
      this.addSql(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_append_only()`);
      this.addSql(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`);
    }

    // The trail's identity, signed into every checkpoint: a checkpoint of another database's trail
    // (a rebuilt development database, a copy) is told apart from a rewrite of this one.
    this.addSql(`ALTER TABLE audit_chain_head ADD COLUMN trail_id uuid NOT NULL DEFAULT gen_random_uuid()`);
    this.addSql(`CREATE TABLE audit_checkpoint (
      seq bigint PRIMARY KEY,
      hash text NOT NULL,
      signed_at timestamptz NOT NULL,
      key_id text NOT NULL,
      signature text NOT NULL,
      pushed_at timestamptz,
      push_error text
    )`);
    this.addSql(`CREATE TABLE audit_verification (
      id bigserial PRIMARY KEY,
      finished_at timestamptz NOT NULL DEFAULT now(),
      mode text NOT NULL CHECK (mode IN ('FULL', 'FROM_CHECKPOINT')),
      from_seq bigint NOT NULL,
      through_seq bigint NOT NULL,
      events bigint NOT NULL,
      checkpoints integer NOT NULL,
      intact boolean NOT NULL,
      reason text,
      by_whom text NOT NULL
    )`);
  }

  async down(): Promise<void> {
    // Back to one table each, rows and chain kept.
    this.addSql(`DROP TABLE audit_checkpoint, audit_verification`);
    this.addSql(`ALTER TABLE audit_chain_head DROP COLUMN trail_id`);
    this.addSql(`ALTER TABLE audit_event RENAME TO audit_event_partitioned`);
    this.addSql(`ALTER TABLE audit_event_subject RENAME TO audit_event_subject_partitioned`);
    this.addSql(`CREATE TABLE audit_event (LIKE audit_event_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    this.addSql(`INSERT INTO audit_event SELECT * FROM audit_event_partitioned ORDER BY seq`);
    this.addSql(`CREATE TABLE audit_event_subject (event_seq bigint NOT NULL, subject_key text NOT NULL, disclosed boolean NOT NULL)`);
    this.addSql(`INSERT INTO audit_event_subject SELECT event_seq, subject_key, disclosed FROM audit_event_subject_partitioned`);
    this.addSql(`DROP FUNCTION audit_digest(audit_event_partitioned)`);
    this.addSql(`DROP TABLE audit_event_subject_partitioned, audit_event_partitioned`);
    this.addSql(`DROP FUNCTION audit_ensure_partitions, audit_ensure_partition, audit_month_start`);
    this.addSql(`ALTER TABLE audit_event ADD PRIMARY KEY (seq)`);
    this.addSql(`ALTER TABLE audit_event_subject ADD PRIMARY KEY (event_seq, subject_key), ADD FOREIGN KEY (event_seq) REFERENCES audit_event (seq)`);
    this.addSql(`CREATE INDEX audit_event_request_idx ON audit_event (request_id)`);
    this.addSql(`CREATE INDEX audit_event_agency_at_idx ON audit_event (agency, at)`);
    this.addSql(`CREATE INDEX audit_event_at_idx ON audit_event (at)`);
    this.addSql(`CREATE INDEX audit_event_subjects_idx ON audit_event USING gin (subject_keys)`);
    this.addSql(`CREATE INDEX audit_event_correlation_idx ON audit_event (agency, correlation_id) WHERE correlation_id IS NOT NULL`);
    this.addSql(`CREATE INDEX audit_event_subject_key_idx ON audit_event_subject (subject_key, event_seq)`);
    this.addSql(AUDIT_DIGEST);
    this.addSql(`CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_chain()`);
    for (const table of ['audit_event', 'audit_event_subject']) {
      this.addSql(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_append_only()`);
      this.addSql(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`);
    }
  }
}
