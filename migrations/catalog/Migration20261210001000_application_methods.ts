import { Migration } from '@mikro-orm/migrations';

/**
 * Batch exports (issue 11 item 6): a sharing application asks for methods (`ONLINE_QUERY`,
 * `BATCH`) and, for BATCH, its bounds; every reviewer approves the batch on its own
 * (`application_review.approve_batch`), and the grant gets BATCH only when all of them did.
 * Applications already submitted asked for online queries only.
 */
export class Migration20261210001000_application_methods extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE sharing_application
      ADD COLUMN methods text[] NOT NULL DEFAULT '{ONLINE_QUERY}'
        CHECK (cardinality(methods) > 0 AND methods <@ ARRAY['ONLINE_QUERY', 'BATCH']),
      ADD COLUMN batch_max_rows integer,
      ADD COLUMN batch_exports_per_day integer`);
    this.addSql(`ALTER TABLE application_review ADD COLUMN approve_batch boolean`);
  }

  async down(): Promise<void> {
    this.addSql(`ALTER TABLE application_review DROP COLUMN approve_batch`);
    this.addSql(`ALTER TABLE sharing_application DROP COLUMN batch_exports_per_day, DROP COLUMN batch_max_rows, DROP COLUMN methods`);
  }
}
