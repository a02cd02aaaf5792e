import { Migration } from '@mikro-orm/migrations';
import { issuerPrivateKey, JsonObject, newSalt, signLicense } from '../../subgraphs/e-license/signing';

const BATCH = 5000;

/**
 * Salted commitments (issue 8, class 6): each licence gets a secret salt, and its signature covers
 * a commitment under that salt instead of the content. Existing licences are re-signed here, with
 * the issuers' keys as configured for the subgraph (LICENSE_ISSUER_KEYS, or the development
 * derivation). A licence whose issuer has no key here keeps a null salt: its old signature is then
 * not served (it would still let candidates be tested offline) and `verifyLicense` reports it
 * SIGNATURE_INVALID until it is re-signed (`npm run seed` re-signs everything).
 */
export class Migration20261130030000_salted_signatures extends Migration {
  async up(): Promise<void> {
    await this.execute(`ALTER TABLE license ADD COLUMN salt text`);
    let after = '';
    for (;;) {
      const rows = (await this.execute(
        `SELECT id, number, type_code, holder_id, issuer_code, issue_date::text AS issue_date, valid_from::text AS valid_from,
                valid_to::text AS valid_to, content
           FROM license WHERE id > ? ORDER BY id LIMIT ${BATCH}`,
        [after],
      )) as {
        id: string;
        number: string;
        type_code: string;
        holder_id: string;
        issuer_code: string;
        issue_date: string;
        valid_from: string;
        valid_to: string | null;
        content: JsonObject;
      }[];
      if (!rows.length) break;
      after = rows[rows.length - 1].id;
      const ids: string[] = [];
      const salts: string[] = [];
      const signatures: string[] = [];
      for (const r of rows) {
        if (!issuerPrivateKey(r.issuer_code)) continue;
        const salt = newSalt();
        const signature = signLicense({
          number: r.number,
          type: r.type_code,
          holderKey: r.holder_id,
          issuer: r.issuer_code,
          issueDate: r.issue_date,
          validFrom: r.valid_from,
          validTo: r.valid_to,
          content: r.content,
          salt,
        });
        ids.push(r.id);
        salts.push(salt);
        signatures.push(signature);
      }
      if (ids.length) {
        await this.execute(
          `UPDATE license AS l SET salt = v.salt, signature = v.signature
             FROM unnest(?::text[], ?::text[], ?::text[]) AS v(id, salt, signature) WHERE l.id = v.id`,
          [pgArray(ids), pgArray(salts), pgArray(signatures)],
        );
      }
    }
  }

  async down(): Promise<void> {
    this.addSql(`ALTER TABLE license DROP COLUMN salt`);
  }
}

/** A PostgreSQL array literal of texts (knex would expand a JS array into a list). */
function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
