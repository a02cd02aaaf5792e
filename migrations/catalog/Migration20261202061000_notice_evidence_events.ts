import { Migration } from '@mikro-orm/migrations';

/**
 * Rectification notices resting on the audit trail (OUT_OF_PURPOSE_REFUSALS, issue 10 item 7) name
 * every audit event they rest on (chain positions, as the audit views show them); the other rules
 * rest on one record (`evidence_id`) and leave the list empty.
 */
export class Migration20261202061000_notice_evidence_events extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE rectification_notice ADD COLUMN evidence_events text[] NOT NULL DEFAULT '{}'`);
  }

  async down(): Promise<void> {
    this.addSql('ALTER TABLE rectification_notice DROP COLUMN evidence_events');
  }
}
