import { Migration } from '@mikro-orm/migrations';

/** Formats 1 and 2 exactly as migrations/governance/…_audit_partitions wrote them; format 3 adds `operation_hash`. */
const digest = (withFormat3: boolean) => `CREATE OR REPLACE FUNCTION audit_digest(e audit_event) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN e.format = 1 THEN
        encode(sha256(convert_to(concat_ws(chr(30),
          e.seq::text,
          to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          e.request_id, e.subgraph, coalesce(e.agency, ''), coalesce(e.operator, ''), coalesce(e.actor_subject, ''),
          coalesce(e.purpose, ''), coalesce(e.operation, ''), e.resource,
          array_to_string(e.items_served, chr(31)), array_to_string(e.items_masked, chr(31)),
          array_to_string(e.items_refused, chr(31)), array_to_string(e.subject_keys, chr(31)),
          e.decision, e.prev_hash), 'UTF8')), 'hex')
      ${
        withFormat3
          ? `WHEN e.format = 2 THEN
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
          coalesce(e.operation_hash, ''),
          e.decision, e.prev_hash), 'UTF8')), 'hex')`
          : `ELSE
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
          e.decision, e.prev_hash), 'UTF8')), 'hex')`
      }
      END
$$`;

/**
 * Digest format 3 (issue 13): the row hash also covers `operation_hash`, the SHA-256 of the
 * operation document the router executed or refused (added, outside the digest, by
 * …_agency_limits). Without it, whoever can disable the triggers could rewrite which trusted
 * document a row names and the chain would still verify.
 *
 * Rows written before keep their format (1 or 2) and verify with their formula, unchanged here;
 * the writer (platform/governance/audit-trail.ts, AUDIT_FORMAT) writes 3 from this release on. A
 * previous release still running during the roll writes 2, which stays valid. The function stays
 * one SQL expression, STABLE and PARALLEL SAFE, so the verifying query still inlines it.
 *
 * Down refuses while format-3 rows exist: the older function would hash them without
 * operation_hash and break the chain at the first of them.
 */
export class Migration20261221000000_audit_digest_operation_hash extends Migration {
  async up(): Promise<void> {
    this.addSql(digest(true));
  }

  async down(): Promise<void> {
    this.addSql(`DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM audit_event WHERE format >= 3) THEN
        RAISE EXCEPTION 'audit_event holds rows of digest format 3; the previous audit_digest cannot verify them';
      END IF;
    END $$`);
    this.addSql(digest(false));
  }
}
