import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 8, class 13 (a value has the strictest class of everything it carries): the operator's
 * name leaves the open, searchable `name` of an individual business named after them and goes into
 * its own column, served under Person.name's policy (platform/policy/carried.ts). A registered
 * address that is a household address is flagged, to be served under Person.householdAddress.
 *
 * Existing rows: names written 个体工商户（…） are split here. Which addresses are household
 * addresses only the household register knows: rows of individual businesses are flagged
 * conservatively (they are the ones run from home); a reseed computes the exact flag.
 */
export class Migration20261130050000_carried_values extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE legal_person ADD COLUMN operator_name text`);
    this.addSql(`ALTER TABLE legal_person ADD COLUMN registered_at_home boolean NOT NULL DEFAULT false`);
    this.addSql(`UPDATE legal_person
                    SET operator_name = substring(name from '^个体工商户（(.+)）$'), name = '个体工商户（{经营者}）'
                  WHERE name ~ '^个体工商户（.+）$' AND name <> '个体工商户（{经营者}）'`);
    this.addSql(`UPDATE legal_person SET registered_at_home = true WHERE kind = 'INDIVIDUAL_BUSINESS'`);
  }

  async down(): Promise<void> {
    this.addSql(`UPDATE legal_person SET name = replace(name, '{经营者}', operator_name) WHERE operator_name IS NOT NULL`);
    this.addSql(`ALTER TABLE legal_person DROP COLUMN operator_name, DROP COLUMN registered_at_home`);
  }
}
