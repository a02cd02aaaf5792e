/** The catalog database's migrations, in order. */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_governance } from './Migration20261125000000_governance';
import { Migration20261125010000_workflow } from './Migration20261125010000_workflow';
import { Migration20261130010000_agency_notify } from './Migration20261130010000_agency_notify';
import { Migration20261130020000_audit_uncapped } from './Migration20261130020000_audit_uncapped';
import { Migration20261130030000_grant_item_revocation } from './Migration20261130030000_grant_item_revocation';
import { Migration20261130040000_lookup_budget } from './Migration20261130040000_lookup_budget';

export const catalogMigrations: MigrationObject[] = [
  { name: 'Migration20261125000000_governance', class: Migration20261125000000_governance },
  { name: 'Migration20261125010000_workflow', class: Migration20261125010000_workflow },
  { name: 'Migration20261130010000_agency_notify', class: Migration20261130010000_agency_notify },
  { name: 'Migration20261130020000_audit_uncapped', class: Migration20261130020000_audit_uncapped },
  { name: 'Migration20261130030000_grant_item_revocation', class: Migration20261130030000_grant_item_revocation },
  { name: 'Migration20261130040000_lookup_budget', class: Migration20261130040000_lookup_budget },
];
