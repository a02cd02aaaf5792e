import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 11, quality in the evaluation: a refresh report may carry a table's quality aggregates —
 * item cells filled out of expected (completeness, counted by the provider's subgraph over its own
 * records) and rows that passed validation out of rows checked (the last ingest file's rows). Only
 * counts cross over, no personal data. Null when a report does not measure them.
 */
export class Migration20261211000300_refresh_quality extends Migration {
  async up(): Promise<void> {
    this.addSql(
      `ALTER TABLE resource_refresh ADD COLUMN items_filled bigint, ADD COLUMN items_expected bigint, ADD COLUMN rows_checked bigint, ADD COLUMN rows_valid bigint`,
    );
  }

  async down(): Promise<void> {
    this.addSql(`ALTER TABLE resource_refresh DROP COLUMN items_filled, DROP COLUMN items_expected, DROP COLUMN rows_checked, DROP COLUMN rows_valid`);
  }
}
