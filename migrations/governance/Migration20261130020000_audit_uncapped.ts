import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail without caps (issue 8, classes 8 and 12):
 *
 *  - Every subject of an event is a row of `audit_event_subject` (no bounded array), with whether
 *    its key was disclosed to the requesting agency (served in the response) or only recorded
 *    (the parent of a refused link, of open-only fields, a household's members…).
 *  - Format 2 rows: the hash covers a format version, a digest of the event's subjects (sorted,
 *    with their disclosed flag), the client's correlation id and the router's refusal facts
 *    (reason, claimed-agency verification, source address and count of aggregated anonymous
 *    refusals). Rows written before keep `format = 1` and verify with the first formula.
 *  - Both tables are append-only.
 */
export class Migration20261130020000_audit_uncapped extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE audit_event
      ADD COLUMN format smallint NOT NULL DEFAULT 1,
      ADD COLUMN correlation_id text,
      ADD COLUMN subject_count integer NOT NULL DEFAULT 0,
      ADD COLUMN subjects_digest text,
      ADD COLUMN refusal_reason text,
      ADD COLUMN agency_verified boolean,
      ADD COLUMN source_address text,
      ADD COLUMN refusal_count integer NOT NULL DEFAULT 1`);
    this.addSql(`CREATE INDEX audit_event_correlation_idx ON audit_event (agency, correlation_id) WHERE correlation_id IS NOT NULL`);

    this.addSql(`CREATE TABLE audit_event_subject (
      event_seq bigint NOT NULL REFERENCES audit_event (seq),
      subject_key text NOT NULL,
      disclosed boolean NOT NULL,
      PRIMARY KEY (event_seq, subject_key)
    )`);
    this.addSql(`CREATE INDEX audit_event_subject_key_idx ON audit_event_subject (subject_key, event_seq)`);
    this.addSql(`CREATE TRIGGER audit_event_subject_append_only BEFORE UPDATE OR DELETE ON audit_event_subject
      FOR EACH ROW EXECUTE FUNCTION audit_append_only()`);
    this.addSql(`CREATE TRIGGER audit_event_subject_no_truncate BEFORE TRUNCATE ON audit_event_subject
      FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`);

    // The digest of an event's subjects: keys in byte order ("C" collation, the same wherever it
    // runs), each with its disclosed flag. Written and verified by this one function.
    this.addSql(`CREATE FUNCTION audit_subjects_digest(keys text[], disclosed boolean[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT encode(sha256(convert_to(coalesce(
        string_agg(k || chr(31) || CASE WHEN d THEN '1' ELSE '0' END, chr(30) ORDER BY k COLLATE "C"), ''), 'UTF8')), 'hex')
        FROM unnest(keys, disclosed) AS u(k, d)
    $$`);
    // What the subjects table holds for one event now (verification recomputes this).
    this.addSql(`CREATE FUNCTION audit_stored_subjects_digest(event_seq bigint) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT audit_subjects_digest(coalesce(array_agg(s.subject_key), '{}'), coalesce(array_agg(s.disclosed), '{}'))
        FROM audit_event_subject s WHERE s.event_seq = $1
    $$`);

    // Format 1 is the first release's formula, unchanged; format 2 adds the new columns.
    this.addSql(`CREATE OR REPLACE FUNCTION audit_digest(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
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
    $$`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE audit_event_subject');
    this.addSql('DROP FUNCTION audit_stored_subjects_digest, audit_subjects_digest');
    this.addSql(`CREATE OR REPLACE FUNCTION audit_digest(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT encode(sha256(convert_to(concat_ws(chr(30),
        e.seq::text,
        to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        e.request_id, e.subgraph, coalesce(e.agency, ''), coalesce(e.operator, ''), coalesce(e.actor_subject, ''),
        coalesce(e.purpose, ''), coalesce(e.operation, ''), e.resource,
        array_to_string(e.items_served, chr(31)), array_to_string(e.items_masked, chr(31)),
        array_to_string(e.items_refused, chr(31)), array_to_string(e.subject_keys, chr(31)),
        e.decision, e.prev_hash), 'UTF8')), 'hex')
    $$`);
    this.addSql('DROP INDEX audit_event_correlation_idx');
    this.addSql(`ALTER TABLE audit_event DROP COLUMN format, DROP COLUMN correlation_id, DROP COLUMN subject_count,
      DROP COLUMN subjects_digest, DROP COLUMN refusal_reason, DROP COLUMN agency_verified, DROP COLUMN source_address,
      DROP COLUMN refusal_count`);
  }
}
