/** The e-license database's migrations, in order. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_init } from './Migration20261125000000_init';
import { Migration20261130030000_salted_signatures } from './Migration20261130030000_salted_signatures';
import { Migration20261130060000_carried_values } from './Migration20261130060000_carried_values';
import { Migration20261222000000_change_history } from './Migration20261222000000_change_history';

export const eLicenseMigrations: MigrationObject[] = [
  { name: 'Migration20261125000000_init', class: Migration20261125000000_init },
  { name: 'Migration20261130030000_salted_signatures', class: Migration20261130030000_salted_signatures },
  { name: 'Migration20261130060000_carried_values', class: Migration20261130060000_carried_values },
  { name: 'Migration20261222000000_change_history', class: Migration20261222000000_change_history },
];
