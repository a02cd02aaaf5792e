import { Migration } from '@mikro-orm/migrations';

/**
 * Separation of duties (issue 8, class 9): a provider revokes only its own items of a grant. The
 * grant keeps its other items; this table records which items left it, when, why and by whom.
 */
export class Migration20261130030000_grant_item_revocation extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE grant_item_revocation (
      id bigserial PRIMARY KEY,
      grant_id uuid NOT NULL REFERENCES sharing_grant (id),
      items text[] NOT NULL,
      reason text NOT NULL,
      revoked_by text NOT NULL,
      operator text,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql(`CREATE INDEX grant_item_revocation_grant_idx ON grant_item_revocation (grant_id)`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE grant_item_revocation');
  }
}
