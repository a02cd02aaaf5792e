import { Migration } from '@mikro-orm/migrations';

/**
 * Values that carry other items (issue 8, class 13). A licence of an individual business named
 * after its operator repeats the operator's full name (个体工商户（王敏淑）) in its holder name and
 * content; one registered at the operator's home repeats a household address (经营场所, 住所). The
 * licence keeps its content as issued (the signature commits to it); these columns say what it
 * carries, so that the subgraph serves those parts under Person.name / Person.householdAddress
 * (subgraphs/e-license/carried.ts):
 *  - carried_name: the operator's name inside the texts, derived exactly from the holder name;
 *  - carried_address: the household address inside the texts. Which address is a household address
 *    is the household register's knowledge: here every individual business's premises are flagged
 *    (fail closed, as the legal-person migration does) until a reseed computes it exactly;
 *  - carried_subject: the operator's pseudonymous key, for the audit trail (a reseed fills it).
 * Licences are not re-signed: nothing they say changes.
 */
export class Migration20261130060000_carried_values extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE license ADD COLUMN carried_name text, ADD COLUMN carried_address text, ADD COLUMN carried_subject text`);
    this.addSql(`UPDATE license SET carried_name = substring(holder_name FROM '^个体工商户（(.+)）$')
                  WHERE holder_kind = 'LEGAL_PERSON' AND holder_name ~ '^个体工商户（.+）$'`);
    this.addSql(`UPDATE license l SET carried_address = b.content->>'经营场所'
                   FROM license b
                  WHERE b.type_code = 'BUSINESS_LICENSE' AND b.content->>'类型' = '个体工商户' AND b.content->>'经营场所' IS NOT NULL
                    AND l.holder_kind = 'LEGAL_PERSON' AND l.holder_id = b.holder_id`);
  }

  async down(): Promise<void> {
    this.addSql(`ALTER TABLE license DROP COLUMN carried_name, DROP COLUMN carried_address, DROP COLUMN carried_subject`);
  }
}
