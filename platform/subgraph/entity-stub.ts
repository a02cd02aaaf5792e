/**
 * Another subgraph's entity, seen from here: a type with only the owner's key, carrying the
 * owner's key policy, which this subgraph extends with its own fields (federation's entity stub).
 * The owner declares its key once (e.g. subgraphs/population/entity-keys.ts); every other subgraph
 * generates its stub from that declaration instead of copying the block, so the key's policy
 * cannot drift between copies.
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { keyPolicy, OpenType, Sharing, type FieldPolicy } from '../policy/metadata';

/** What the owner of an entity declares for the others: the type's name, its key field (an ID)
 *  and who provides it, with the key's open class. */
export interface EntityOwner {
  typeName: string;
  key: string;
  provider: string;
  open: OpenType;
}

/** The owner's key policy, for the owner's own type and for every stub. */
export const ownerKeyPolicy = (owner: EntityOwner): FieldPolicy => keyPolicy(owner.provider, owner.open);

/**
 * A fresh stub class for `owner` in the calling subgraph (one per subgraph: each builds its own
 * schema). Use it as both value and type:
 * `export const PersonRef = entityStub(PERSON_OWNER); export type PersonRef = InstanceType<typeof PersonRef>;`
 */
export function entityStub(owner: EntityOwner): new () => { id: string } {
  if (owner.key !== 'id') throw new Error(`entityStub(${owner.typeName}): only an \`id\` key is supported, not \`${owner.key}\``);
  @ObjectType(owner.typeName)
  @Directive(`@key(fields: "${owner.key}")`)
  class Stub {
    @Field(() => ID)
    @Sharing(ownerKeyPolicy(owner))
    id: string;
  }
  Object.defineProperty(Stub, 'name', { value: `${owner.typeName}Ref` });
  return Stub;
}
