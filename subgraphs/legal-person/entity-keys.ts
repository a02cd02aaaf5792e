/** How other subgraphs see this subgraph's entities: LegalPerson's key and its policy, declared
 *  once here (a leaf module: importing it loads no GraphQL type). Stubs: platform/subgraph/entity-stub.ts. */
import type { EntityOwner } from '../../platform/subgraph/entity-stub';

export const LEGAL_PERSON_OWNER: EntityOwner = { typeName: 'LegalPerson', key: 'id', provider: 'market-regulation', open: 'OPEN' };
