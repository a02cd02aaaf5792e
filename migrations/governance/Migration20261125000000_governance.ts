import { Migration } from '@mikro-orm/migrations';

/**
 * Agencies, grants (with NOTIFY so that every subgraph reloads them at once) and the audit trail:
 * append-only (UPDATE/DELETE/TRUNCATE raise) and hash-chained. The chain is computed inside
 * PostgreSQL, under the row lock of `audit_chain_head`, so concurrent writers from six processes
 * still produce one unbroken chain in `seq` order.
 */
export class Migration20261125000000_governance extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE agency (
      code text PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('ADMINISTERING', 'PROVIDER', 'CONSUMER')),
      provides text,
      description text NOT NULL DEFAULT ''
    )`);

    this.addSql(`CREATE TABLE sharing_grant (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_code text NOT NULL REFERENCES agency (code),
      items text[] NOT NULL,
      purposes text[] NOT NULL,
      masks jsonb NOT NULL DEFAULT '{}',
      row_scope jsonb,
      valid_from timestamptz NOT NULL DEFAULT now(),
      valid_to timestamptz,
      application_id uuid,
      revoked_at timestamptz,
      revoked_reason text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql(`CREATE INDEX sharing_grant_agency_idx ON sharing_grant (agency_code)`);
    this.addSql(`CREATE FUNCTION notify_grants_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('grants_changed', coalesce(NEW.id, OLD.id)::text);
        RETURN NULL;
      END $$`);
    this.addSql(`CREATE TRIGGER sharing_grant_notify AFTER INSERT OR UPDATE OR DELETE ON sharing_grant
      FOR EACH ROW EXECUTE FUNCTION notify_grants_changed()`);

    this.addSql(`CREATE TABLE audit_chain_head (
      id int PRIMARY KEY CHECK (id = 1),
      last_seq bigint NOT NULL,
      last_hash text NOT NULL
    )`);
    this.addSql(`INSERT INTO audit_chain_head VALUES (1, 0, repeat('0', 64))`);

    this.addSql(`CREATE TABLE audit_event (
      seq bigint PRIMARY KEY,
      at timestamptz NOT NULL,
      request_id text NOT NULL,
      subgraph text NOT NULL,
      agency text,
      operator text,
      actor_subject text,
      purpose text,
      operation text,
      resource text NOT NULL,
      items_served text[] NOT NULL DEFAULT '{}',
      items_masked text[] NOT NULL DEFAULT '{}',
      items_refused text[] NOT NULL DEFAULT '{}',
      subject_keys text[] NOT NULL DEFAULT '{}',
      decision text NOT NULL CHECK (decision IN ('SERVED', 'MASKED', 'REFUSED', 'PARTIAL')),
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`);
    this.addSql(`CREATE INDEX audit_event_request_idx ON audit_event (request_id)`);
    this.addSql(`CREATE INDEX audit_event_agency_at_idx ON audit_event (agency, at)`);
    this.addSql(`CREATE INDEX audit_event_at_idx ON audit_event (at)`);
    this.addSql(`CREATE INDEX audit_event_subjects_idx ON audit_event USING gin (subject_keys)`);

    // The digest of a row: SHA-256 over its fields in a fixed order, separated by control
    // characters that cannot occur in them, and over the previous row's hash.
    this.addSql(`CREATE FUNCTION audit_digest(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT encode(sha256(convert_to(concat_ws(chr(30),
        e.seq::text,
        to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        e.request_id, e.subgraph, coalesce(e.agency, ''), coalesce(e.operator, ''), coalesce(e.actor_subject, ''),
        coalesce(e.purpose, ''), coalesce(e.operation, ''), e.resource,
        array_to_string(e.items_served, chr(31)), array_to_string(e.items_masked, chr(31)),
        array_to_string(e.items_refused, chr(31)), array_to_string(e.subject_keys, chr(31)),
        e.decision, e.prev_hash), 'UTF8')), 'hex')
    $$`);
    this.addSql(`CREATE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE head audit_chain_head;
      BEGIN
        -- The row lock serialises writers; a waiting writer re-reads the committed head.
        UPDATE audit_chain_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING * INTO head;
        NEW.seq := head.last_seq;
        NEW.prev_hash := head.last_hash;
        NEW.hash := audit_digest(NEW);
        UPDATE audit_chain_head SET last_hash = NEW.hash WHERE id = 1;
        RETURN NEW;
      END $$`);
    this.addSql(`CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_chain()`);
    this.addSql(`CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP;
      END $$`);
    this.addSql(`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_append_only()`);
    this.addSql(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE audit_event');
    this.addSql('DROP TABLE audit_chain_head');
    this.addSql('DROP FUNCTION audit_chain, audit_digest, audit_append_only');
    this.addSql('DROP TABLE sharing_grant');
    this.addSql('DROP FUNCTION notify_grants_changed');
    this.addSql('DROP TABLE agency');
  }
}
