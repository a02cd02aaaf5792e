import { Migration } from '@mikro-orm/migrations';

/**
 * Trusted documents (issue 13, item 2): the GraphQL documents an application says its system will
 * send, by SHA-256 (hex of the document's UTF-8 text, as Apollo's persisted queries name them).
 * Once the application is approved they work as persisted queries for the applicant only. Any
 * change to them or to an application's status notifies `trusted_documents_changed`, which every
 * router replica listens to.
 */
export class Migration20261215000100_application_operations extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE application_operation (
      application_id uuid NOT NULL REFERENCES sharing_application (id) ON DELETE CASCADE,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      operation_name text,
      document text NOT NULL,
      PRIMARY KEY (application_id, sha256))`);
    this.addSql(`CREATE FUNCTION notify_trusted_documents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('trusted_documents_changed', '');
        RETURN NULL;
      END $$`);
    this.addSql(`CREATE TRIGGER application_operation_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON application_operation
      FOR EACH STATEMENT EXECUTE FUNCTION notify_trusted_documents_changed()`);
    this.addSql(`CREATE TRIGGER sharing_application_documents_notify AFTER UPDATE OF status ON sharing_application
      FOR EACH STATEMENT EXECUTE FUNCTION notify_trusted_documents_changed()`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TRIGGER IF EXISTS sharing_application_documents_notify ON sharing_application');
    this.addSql('DROP TABLE application_operation');
    this.addSql('DROP FUNCTION IF EXISTS notify_trusted_documents_changed()');
  }
}
