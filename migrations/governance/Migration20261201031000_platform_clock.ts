import { Migration } from '@mikro-orm/migrations';

/**
 * The platform clock (issue 10, item 9): one optional row holding an offset from real time that
 * deadlines are judged against, so that tests move time for every process at once instead of
 * sleeping. Development and test only: platform/governance/clock.ts ignores the row and refuses to
 * set it when NODE_ENV=production.
 */
export class Migration20261201031000_platform_clock extends Migration {
  async up(): Promise<void> {
    this.addSql(`CREATE TABLE platform_clock (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      offset_ms bigint NOT NULL,
      note text,
      set_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(): Promise<void> {
    this.addSql('DROP TABLE platform_clock');
  }
}
