/** A connection of changes: edges and page info, no `totalCount` (counting only the changes a
 *  caller may see would mean walking every change since the given time). */
import { ClassType, Field, ObjectType } from 'type-graphql';
import { Structural } from '../policy/metadata';
import { PageInfo } from '../graphql/connection';

export function ChangeConnection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  @Structural()
  class Edge {
    @Field(() => String) cursor: string;
    @Field(() => nodeType) node: T;
  }

  @ObjectType(`${name}Connection`)
  @Structural()
  class ConnectionType {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
  }
  return ConnectionType;
}
