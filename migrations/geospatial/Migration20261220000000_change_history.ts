import { Migration } from '@mikro-orm/migrations';
import { CHANGE_HISTORY_V1, trackChangesV1 } from '../../platform/db/change-history';

/** Issue 11: per-record `updated_at` and the append-only change history of parcels (platform/db/change-history.ts), as in population. */
export class Migration20261220000000_change_history extends Migration {
  async up(): Promise<void> {
    for (const sql of [...CHANGE_HISTORY_V1, ...trackChangesV1('land_parcel')]) this.addSql(sql);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE record_change');
    this.addSql(
      'DROP TRIGGER land_parcel_touch ON land_parcel; DROP TRIGGER land_parcel_changes_insert ON land_parcel; DROP TRIGGER land_parcel_changes_update ON land_parcel; DROP TRIGGER land_parcel_changes_delete ON land_parcel',
    );
    this.addSql('ALTER TABLE land_parcel DROP COLUMN updated_at');
    this.addSql('DROP FUNCTION record_changes(); DROP FUNCTION record_touch(); DROP FUNCTION record_change_append_only()');
  }
}
