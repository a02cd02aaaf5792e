/** The agency register as GraphQL (the rows are platform/governance's). */
import { Field, ObjectType } from 'type-graphql';
import { Resource, Sharing } from '../../../platform/policy/metadata';
import { PROVIDER, PUBLIC_REGISTER } from '../shared/policy';

@ObjectType({ description: 'A government department or authorised body (政务部门)' })
@Resource({ code: 'HY-PT-001', name: '政务部门名录', summary: '共享平台上的政务部门及其角色', updateCycle: 'MONTHLY', provider: PROVIDER })
export class Agency {
  @Field(() => String, { description: 'Agency code, as named in tokens and grants' })
  @Sharing(PUBLIC_REGISTER)
  code: string;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  name: string;

  @Field(() => String, { description: 'ADMINISTERING, PROVIDER or CONSUMER' })
  @Sharing(PUBLIC_REGISTER)
  kind: string;

  @Field(() => String, { nullable: true, description: 'The base database (subgraph) this agency provides' })
  @Sharing(PUBLIC_REGISTER)
  provides: string | null;

  @Field(() => String)
  @Sharing(PUBLIC_REGISTER)
  description: string;
}
