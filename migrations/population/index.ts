/** The population database's migrations, in order. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_init } from './Migration20261125000000_init';
import { Migration20261202070000_change_history } from './Migration20261202070000_change_history';

export const populationMigrations: MigrationObject[] = [
  { name: 'Migration20261125000000_init', class: Migration20261125000000_init },
  { name: 'Migration20261202070000_change_history', class: Migration20261202070000_change_history },
];
