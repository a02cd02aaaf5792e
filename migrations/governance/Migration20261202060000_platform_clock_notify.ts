import { Migration } from '@mikro-orm/migrations';

/**
 * Grant expiry on the platform clock (issue 10, item 9): every subgraph's GrantStore judges a
 * grant's `valid_to` against the platform clock, so it must learn a new offset at once. A change
 * to `platform_clock` notifies the grants channel the stores already listen on; they reload the
 * grants and the offset together. (Production ignores the row; the notice then only costs a reload.)
 */
export class Migration20261202060000_platform_clock_notify extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE FUNCTION notify_platform_clock_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('grants_changed', 'clock');
        RETURN NULL;
      END $$`);
    this.addSql(`CREATE TRIGGER platform_clock_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform_clock
      FOR EACH STATEMENT EXECUTE FUNCTION notify_platform_clock_changed()`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TRIGGER IF EXISTS platform_clock_notify ON platform_clock');
    this.addSql('DROP FUNCTION IF EXISTS notify_platform_clock_changed()');
  }
}
