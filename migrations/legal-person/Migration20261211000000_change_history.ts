import { Migration } from '@mikro-orm/migrations';
import { CHANGE_HISTORY_V1, trackChangesV1 } from '../../platform/db/change-history';

/** Issue 11: per-record `updated_at` and the append-only change history (platform/db/change-history.ts), as in population. */
export class Migration20261211000000_change_history extends Migration {
  async up(): Promise<void> {
    for (const sql of [...CHANGE_HISTORY_V1, ...trackChangesV1('legal_person')]) this.addSql(sql);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE record_change');
    for (const t of ['legal_person']) {
      this.addSql(
        `DROP TRIGGER ${t}_touch ON ${t}; DROP TRIGGER ${t}_changes_insert ON ${t}; DROP TRIGGER ${t}_changes_update ON ${t}; DROP TRIGGER ${t}_changes_delete ON ${t}`,
      );
      this.addSql(`ALTER TABLE ${t} DROP COLUMN updated_at`);
    }
    this.addSql('DROP FUNCTION record_changes(); DROP FUNCTION record_touch(); DROP FUNCTION record_change_append_only()');
  }
}
