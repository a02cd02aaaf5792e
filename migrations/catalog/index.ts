/**
 * The catalog database's migrations, in order: first the governance tables' own migrations
 * (migrations/governance — the catalog's database is the governance database, and the workflow's
 * foreign keys point at agencies and grants), then the catalog's feature migrations.
 * Names are the ones recorded in existing databases' `mikro_orm_migrations`: never rename one.
 */
import type { MigrationObject } from '@mikro-orm/core';
import { governanceMigrations } from '../governance';
import { Migration20261125010000_workflow } from './Migration20261125010000_workflow';
import { Migration20261201020000_catalogue_kinds } from './Migration20261201020000_catalogue_kinds';
import { Migration20261201032000_data_demand } from './Migration20261201032000_data_demand';
import { Migration20261201040000_rectification_notice } from './Migration20261201040000_rectification_notice';
import { Migration20261202080000_consistency_findings } from './Migration20261202080000_consistency_findings';
import { Migration20261202081000_data_objection } from './Migration20261202081000_data_objection';
import { Migration20261202061000_notice_evidence_events } from './Migration20261202061000_notice_evidence_events';
import { Migration20261210001000_application_methods } from './Migration20261210001000_application_methods';
import { Migration20261215000100_application_operations } from './Migration20261215000100_application_operations';

export const catalogFeatureMigrations: MigrationObject[] = [
  { name: 'Migration20261125010000_workflow', class: Migration20261125010000_workflow },
  { name: 'Migration20261201020000_catalogue_kinds', class: Migration20261201020000_catalogue_kinds },
  { name: 'Migration20261201032000_data_demand', class: Migration20261201032000_data_demand },
  { name: 'Migration20261201040000_rectification_notice', class: Migration20261201040000_rectification_notice },
  { name: 'Migration20261202080000_consistency_findings', class: Migration20261202080000_consistency_findings },
  { name: 'Migration20261202081000_data_objection', class: Migration20261202081000_data_objection },
  { name: 'Migration20261202061000_notice_evidence_events', class: Migration20261202061000_notice_evidence_events },
  { name: 'Migration20261210001000_application_methods', class: Migration20261210001000_application_methods },
  { name: 'Migration20261215000100_application_operations', class: Migration20261215000100_application_operations },
];

export const catalogMigrations: MigrationObject[] = [...governanceMigrations, ...catalogFeatureMigrations];
