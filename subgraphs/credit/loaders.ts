/** Request-scoped batch loaders of the credit subgraph. A page of subjects costs one SELECT: every
 *  profile and every `creditRecords` list of the page comes from `recordsBySubject`. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, rowLoader } from '../../platform/db/loaders';
import { CreditRecordEntity } from './entities';

export function creditLoaders(em: EntityManager) {
  return {
    recordById: rowLoader(em, CreditRecordEntity, 'id'),
    recordByDecisionNumber: rowLoader(em, CreditRecordEntity, 'decisionNumber'),
    recordsBySubject: groupLoader(em, CreditRecordEntity, 'subjectId', { decisionDate: 'desc', id: 'asc' }),
  };
}

export type CreditLoaders = ReturnType<typeof creditLoaders>;
