import { Migration } from '@mikro-orm/migrations';

/**
 * Each agency's inbox (issue 10, item 8): what the platform tells an agency about a step that changed
 * its situation (an application decided, a grant revoked, a demand assigned or answered…). Kept in
 * the governance database, next to the agency register, so that every feature writes it in the
 * transaction of the step it reports. `links` is a JSON array of `{type, id}` naming the records
 * the notification is about.
 */
export class Migration20261201030000_notification extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE notification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency text NOT NULL REFERENCES agency(code),
      kind text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      links jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      read_at timestamptz
    )`);
    this.addSql(`CREATE INDEX notification_inbox ON notification (agency, created_at DESC, id DESC)`);
    this.addSql(`CREATE INDEX notification_unread ON notification (agency, created_at DESC, id DESC) WHERE read_at IS NULL`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE notification');
  }
}
