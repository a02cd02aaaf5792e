import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 11: a refresh report carries the table's real last change (the newest `updated_at` of its
 * records, kept by the base database's triggers), so that freshness comes from when data last
 * changed, not from when a subgraph last counted or reloaded the table. Null for reports written
 * before, or by a table without `updated_at`: freshness then falls back to the report's time.
 */
export class Migration20261202070000_refresh_last_change extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE resource_refresh ADD COLUMN last_changed_at timestamptz`);
  }

  async down(): Promise<void> {
    this.addSql(`ALTER TABLE resource_refresh DROP COLUMN last_changed_at`);
  }
}
