import { Migration } from '@mikro-orm/migrations';
import { CHANGE_HISTORY_V1, trackChangesV1 } from '../../platform/db/change-history';

/** Issue 11: per-licence `updated_at` and the append-only change history of licences
 *  (platform/db/change-history.ts), as in the other base databases. */
export class Migration20261222000000_change_history extends Migration {
  async up(): Promise<void> {
    for (const sql of [...CHANGE_HISTORY_V1, ...trackChangesV1('license')]) this.addSql(sql);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE record_change');
    this.addSql(
      'DROP TRIGGER license_touch ON license; DROP TRIGGER license_changes_insert ON license; DROP TRIGGER license_changes_update ON license; DROP TRIGGER license_changes_delete ON license',
    );
    this.addSql('ALTER TABLE license DROP COLUMN updated_at');
    this.addSql('DROP FUNCTION record_changes(); DROP FUNCTION record_touch(); DROP FUNCTION record_change_append_only()');
  }
}
