import { Migration } from '@mikro-orm/migrations';

/**
 * Subgraphs refuse tokens of agencies that are not in the register (issue 8: tokens) and hold the
 * register in memory beside the grants: a change to `agency` notifies the same channel as a grant
 * change, so every subgraph reloads both at once.
 */
export class Migration20261130010000_agency_notify extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE FUNCTION notify_agency_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('grants_changed', 'agency');
        RETURN NULL;
      END $$`);
    this.addSql(`CREATE TRIGGER agency_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agency
      FOR EACH STATEMENT EXECUTE FUNCTION notify_agency_changed()`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TRIGGER IF EXISTS agency_notify ON agency');
    this.addSql('DROP FUNCTION IF EXISTS notify_agency_changed()');
  }
}
