import { Migration } from '@mikro-orm/migrations';

/**
 * Salted commitments (issue 8, class 6): each licence gets a secret salt, and its signature covers
 * a commitment under that salt instead of the content. Records signed before have no salt: their
 * signature is not served (it would still let candidates be tested offline) and `verifyLicense`
 * reports them SIGNATURE_INVALID until they are re-signed, which `npm run seed` does.
 */
export class Migration20261130030000_salted_signatures extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE license ADD COLUMN salt text`);
  }

  async down(): Promise<void> {
    this.addSql(`ALTER TABLE license DROP COLUMN salt`);
  }
}
