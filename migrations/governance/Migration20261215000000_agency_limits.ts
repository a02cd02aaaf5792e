import { Migration } from '@mikro-orm/migrations';

/**
 * Per-agency rate limits and trusted documents (issue 13, item 2), additive only:
 *  - the agency register's overrides of router.yaml's `rate_limit` defaults (requests and estimated
 *    cost per second; NULL = the default) and its `enforce_trusted_documents` flag; the agency
 *    trigger already notifies `grants_changed`, which the router listens to;
 *  - `rate_limit`, the window counters every router replica shares (rate-limiter-flexible's
 *    RateLimiterPostgres table layout, created here so the router needs no DDL right);
 *  - `audit_event.operation_hash`: the SHA-256 of the operation document the router executed (or
 *    refused), so a row ties to a trusted document. Nullable, outside the digest (see DECISIONS).
 */
export class Migration20261215000000_agency_limits extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE agency
      ADD COLUMN requests_per_second integer CHECK (requests_per_second > 0),
      ADD COLUMN cost_per_second integer CHECK (cost_per_second > 0),
      ADD COLUMN enforce_trusted_documents boolean NOT NULL DEFAULT false`);
    this.addSql(`CREATE TABLE rate_limit (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
    this.addSql(`ALTER TABLE audit_event ADD COLUMN operation_hash text`);
  }

  async down(): Promise<void> {
    this.addSql('ALTER TABLE audit_event DROP COLUMN operation_hash');
    this.addSql('DROP TABLE rate_limit');
    this.addSql('ALTER TABLE agency DROP COLUMN requests_per_second, DROP COLUMN cost_per_second, DROP COLUMN enforce_trusted_documents');
  }
}
