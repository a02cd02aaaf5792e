/** How other subgraphs see this subgraph's entities: Person's key and its policy, declared once
 *  here (a leaf module: importing it loads no GraphQL type). Stubs: platform/subgraph/entity-stub.ts. */
import type { EntityOwner } from '../../platform/subgraph/entity-stub';

export const PERSON_OWNER: EntityOwner = { typeName: 'Person', key: 'id', provider: 'public-security', open: 'CLOSED' };
