/** The geospatial database's migrations, in order. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_init } from './Migration20261125000000_init';
import { Migration20261130050000_household_addresses } from './Migration20261130050000_household_addresses';
import { Migration20261220000000_change_history } from './Migration20261220000000_change_history';

export const geospatialMigrations: MigrationObject[] = [
  { name: 'Migration20261125000000_init', class: Migration20261125000000_init },
  { name: 'Migration20261130050000_household_addresses', class: Migration20261130050000_household_addresses },
  { name: 'Migration20261220000000_change_history', class: Migration20261220000000_change_history },
];
