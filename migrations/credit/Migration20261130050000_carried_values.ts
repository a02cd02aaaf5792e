import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 8, class 13: an open credit-record text that names an individual business named after its
 * operator carries the operator's name. The text keeps a placeholder ({经营者}) and the name moves
 * into its own column, served under Person.name's policy (platform/policy/carried.ts).
 */
export class Migration20261130050000_carried_values extends Migration {
  async up(): Promise<void> {
    this.addSql(`ALTER TABLE credit_record ADD COLUMN operator_name text`);
    this.addSql(`UPDATE credit_record
                    SET operator_name = substring(content from '个体工商户（([^）{}]+)）'),
                        content = regexp_replace(content, '个体工商户（[^）{}]+）', '个体工商户（{经营者}）', 'g')
                  WHERE subject_kind = 'LEGAL_PERSON' AND content ~ '个体工商户（[^）{}]+）'`);
  }

  async down(): Promise<void> {
    this.addSql(`UPDATE credit_record SET content = replace(content, '{经营者}', operator_name) WHERE operator_name IS NOT NULL`);
    this.addSql(`ALTER TABLE credit_record DROP COLUMN operator_name`);
  }
}
