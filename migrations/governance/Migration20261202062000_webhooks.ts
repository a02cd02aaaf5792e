import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks (issue 10, item 8): an agency's approver registers one URL to which each notification
 * written to the agency's inbox is also POSTed. `agency_webhook` holds the URL and a nonce the
 * signing secret is derived from (the secret itself is never stored). `webhook_delivery` is one row
 * per notification to deliver, written in the notifying step's transaction; the insert notifies
 * `webhook_pending`, which PostgreSQL delivers only once that transaction commits, so the
 * dispatcher never POSTs a notice of a step that rolled back and never holds the step up.
 */
export class Migration20261202062000_webhooks extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE agency_webhook (
      agency text PRIMARY KEY REFERENCES agency(code),
      url text NOT NULL,
      secret_nonce text NOT NULL,
      registered_by text NOT NULL,
      registered_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql(`CREATE TABLE webhook_delivery (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      notification_id uuid NOT NULL REFERENCES notification(id),
      agency text NOT NULL REFERENCES agency(code),
      state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_attempt_at timestamptz,
      last_url text,
      last_status integer,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql(`CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING'`);
    this.addSql(`CREATE INDEX webhook_delivery_agency ON webhook_delivery (agency, created_at DESC, id DESC)`);
    this.addSql(`CREATE FUNCTION notify_webhook_pending() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('webhook_pending', '');
        RETURN NULL;
      END $$`);
    this.addSql(`CREATE TRIGGER webhook_delivery_pending AFTER INSERT ON webhook_delivery
      FOR EACH STATEMENT EXECUTE FUNCTION notify_webhook_pending()`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE webhook_delivery');
    this.addSql('DROP FUNCTION IF EXISTS notify_webhook_pending()');
    this.addSql('DROP TABLE agency_webhook');
  }
}
