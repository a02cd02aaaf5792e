/** Request-scoped batch loaders of the credit subgraph (plain rows: the entity is data). A page of
 *  subjects costs one SELECT: every profile and every `creditRecords` list of the page comes from
 *  `recordsBySubject`. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, PLAIN, rowLoader } from '../../platform/db/loaders';
import { CreditRecordEntity } from './entities';

export function creditLoaders(em: EntityManager) {
  return {
    recordById: rowLoader(em, CreditRecordEntity, 'id', PLAIN),
    recordByDecisionNumber: rowLoader(em, CreditRecordEntity, 'decisionNumber', PLAIN),
    recordsBySubject: groupLoader(em, CreditRecordEntity, 'subjectId', { decisionDate: 'desc', id: 'asc' }, {}, PLAIN),
  };
}

export type CreditLoaders = ReturnType<typeof creditLoaders>;
