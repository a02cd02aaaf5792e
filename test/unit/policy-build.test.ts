/** Default deny at build time: a field without policy metadata fails the subgraph build. */
import 'reflect-metadata';
import { Arg, Field, ID, ObjectType, Query, Resolver, Directive } from 'type-graphql';
import { Sharing, keyPolicy } from '../../platform/policy/metadata';
import { buildFederatedSchema } from '../../platform/subgraph/schema';
import { protectSchema } from '../../platform/policy/protect';
import type { SubgraphDefinition } from '../../platform/subgraph/definition';

@ObjectType()
@Directive('@key(fields: "id")')
class Parcel {
  @Field(() => ID) @Sharing(keyPolicy('natural-resources')) id: string;
  @Field(() => String) @Sharing({ type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: 'natural-resources' }) code: string;
  /** Forgotten: no @Sharing. */
  @Field(() => Number) price: number;
}

@Resolver(() => Parcel)
class ParcelResolver {
  @Query(() => Parcel, { nullable: true })
  @Sharing({ type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: 'natural-resources' })
  parcel(@Arg('code', () => String) code: string): Parcel | null {
    return code ? null : null;
  }
}

const def = (resolvers: Function[]): SubgraphDefinition => ({
  name: 'probe',
  provider: 'natural-resources',
  entities: [],
  resolvers: resolvers as any,
  referenceResolvers: {},
  loaders: () => ({}),
  migrations: [],
  seed: async () => {},
  isEmpty: async () => true,
});

describe('policy metadata is checked when a subgraph is built', () => {
  test('a field without @Sharing fails the build, naming it', async () => {
    await expect(buildFederatedSchema(def([ParcelResolver]))).rejects.toThrow(/Parcel\.price has no @Sharing policy/);
  });

  test('a NONE item without a legal basis is refused where it is declared', () => {
    expect(() => Sharing({ type: 'NONE', open: 'CLOSED', level: 'L4', provider: 'x' })).toThrow(/legal basis/);
    expect(() => Sharing({ type: 'NONE', open: 'OPEN', level: 'L4', provider: 'x', basis: 'law' })).toThrow(/cannot be open/);
    expect(() => Sharing({ type: 'UNCONDITIONAL', open: 'OPEN', level: 'L9' as any, provider: 'x' })).toThrow(/level/);
  });

  test('a default mask on a field that is not text is refused', async () => {
    @ObjectType()
    class Thing {
      @Field(() => Number) @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', mask: 'KEEP(1,1)', provider: 'x' }) size: number;
    }
    @Resolver(() => Thing)
    class ThingResolver {
      @Query(() => Thing, { nullable: true })
      @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: 'x' })
      thing(): Thing | null {
        return null;
      }
    }
    const built = await buildFederatedSchema(def([ThingResolver]));
    expect(() => protectSchema(built.schema, built.policies, { structuralTypes: new Set(), hashKey: 'k', subjectOf: () => undefined })).toThrow(
      /Thing\.size: a default mask/,
    );
  });
});
