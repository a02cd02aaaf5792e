/** The population database's migrations, in order. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_init } from './Migration20261125000000_init';

export const populationMigrations: MigrationObject[] = [{ name: 'Migration20261125000000_init', class: Migration20261125000000_init }];
