/**
 * The governance database's own migrations (platform/governance owns these tables: the agency
 * register, grants, the audit trail and its chain, the refresh log, lookup budgets), in order.
 * They run in the catalog subgraph's database — the governance database — before the catalog's
 * feature migrations (migrations/catalog/index.ts), under the names they were first recorded with.
 */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_governance } from './Migration20261125000000_governance';
import { Migration20261125005000_refresh_log } from './Migration20261125005000_refresh_log';
import { Migration20261130010000_agency_notify } from './Migration20261130010000_agency_notify';
import { Migration20261130020000_audit_uncapped } from './Migration20261130020000_audit_uncapped';
import { Migration20261130030000_grant_item_revocation } from './Migration20261130030000_grant_item_revocation';
import { Migration20261130040000_lookup_budget } from './Migration20261130040000_lookup_budget';
import { Migration20261201010000_agency_register } from './Migration20261201010000_agency_register';
import { Migration20261201030000_notification } from './Migration20261201030000_notification';
import { Migration20261201031000_platform_clock } from './Migration20261201031000_platform_clock';
import { Migration20261202050000_catalogue_register } from './Migration20261202050000_catalogue_register';
import { Migration20261202070000_refresh_last_change } from './Migration20261202070000_refresh_last_change';
import { Migration20261202060000_platform_clock_notify } from './Migration20261202060000_platform_clock_notify';
import { Migration20261202062000_webhooks } from './Migration20261202062000_webhooks';
import { Migration20261210000000_batch_exports } from './Migration20261210000000_batch_exports';
import { Migration20261211000300_refresh_quality } from './Migration20261211000300_refresh_quality';
import { Migration20261214000000_audit_partitions } from './Migration20261214000000_audit_partitions';
import { Migration20261215000000_agency_limits } from './Migration20261215000000_agency_limits';
import { Migration20261221000000_audit_digest_operation_hash } from './Migration20261221000000_audit_digest_operation_hash';

export const governanceMigrations: MigrationObject[] = [
  { name: 'Migration20261125000000_governance', class: Migration20261125000000_governance },
  { name: 'Migration20261125005000_refresh_log', class: Migration20261125005000_refresh_log },
  { name: 'Migration20261130010000_agency_notify', class: Migration20261130010000_agency_notify },
  { name: 'Migration20261130020000_audit_uncapped', class: Migration20261130020000_audit_uncapped },
  { name: 'Migration20261130030000_grant_item_revocation', class: Migration20261130030000_grant_item_revocation },
  { name: 'Migration20261130040000_lookup_budget', class: Migration20261130040000_lookup_budget },
  { name: 'Migration20261201010000_agency_register', class: Migration20261201010000_agency_register },
  { name: 'Migration20261201030000_notification', class: Migration20261201030000_notification },
  { name: 'Migration20261201031000_platform_clock', class: Migration20261201031000_platform_clock },
  { name: 'Migration20261202050000_catalogue_register', class: Migration20261202050000_catalogue_register },
  { name: 'Migration20261202070000_refresh_last_change', class: Migration20261202070000_refresh_last_change },
  { name: 'Migration20261202060000_platform_clock_notify', class: Migration20261202060000_platform_clock_notify },
  { name: 'Migration20261202062000_webhooks', class: Migration20261202062000_webhooks },
  { name: 'Migration20261210000000_batch_exports', class: Migration20261210000000_batch_exports },
  { name: 'Migration20261211000300_refresh_quality', class: Migration20261211000300_refresh_quality },
  { name: 'Migration20261214000000_audit_partitions', class: Migration20261214000000_audit_partitions },
  { name: 'Migration20261215000000_agency_limits', class: Migration20261215000000_agency_limits },
  { name: 'Migration20261221000000_audit_digest_operation_hash', class: Migration20261221000000_audit_digest_operation_hash },
];
