/** The legal-person database's migrations, in order. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_init } from './Migration20261125000000_init';
import { Migration20261130050000_carried_values } from './Migration20261130050000_carried_values';
import { Migration20261211000000_change_history } from './Migration20261211000000_change_history';

export const legalPersonMigrations: MigrationObject[] = [
  { name: 'Migration20261125000000_init', class: Migration20261125000000_init },
  { name: 'Migration20261130050000_carried_values', class: Migration20261130050000_carried_values },
  { name: 'Migration20261211000000_change_history', class: Migration20261211000000_change_history },
];
