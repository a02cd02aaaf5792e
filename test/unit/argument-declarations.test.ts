/** Arguments are items: every argument is declared (filterBy, lookupBy, PARAMETER) or the subgraph
 *  build fails (default deny); the declaration travels in @sharing; cursors are sealed. */
import 'reflect-metadata';
import { Arg, Field, ID, Int, ObjectType, Query, Resolver, Directive } from 'type-graphql';
import { PARAMETER, Sharing, filterBy, keyPolicy, lookupBy } from '../../platform/policy/metadata';
import { buildFederatedSchema } from '../../platform/subgraph/schema';
import type { SubgraphDefinition } from '../../platform/subgraph/definition';
import { cursorScope, sealCursor, unsealCursor } from '../../platform/graphql/cursor-seal';

const P = 'natural-resources';

@ObjectType()
@Directive('@key(fields: "id")')
class ArgProbe {
  @Field(() => ID) @Sharing(keyPolicy(P)) id: string;
  @Field(() => String) @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', provider: P }) secret: string;
}

@Resolver(() => ArgProbe)
class UndeclaredResolver {
  @Query(() => [ArgProbe])
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: P })
  undeclaredProbes(@Arg('secret', () => String) secret: string, @Arg('first', () => Int, { nullable: true }) first?: number): ArgProbe[] {
    return secret && first ? [] : [];
  }
}

@Resolver(() => ArgProbe)
class RemoteFilterResolver {
  @Query(() => [ArgProbe])
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: P, args: { name: filterBy('Person.name') } })
  remoteProbes(@Arg('name', () => String) name: string): ArgProbe[] {
    return name ? [] : [];
  }
}

@Resolver(() => ArgProbe)
class DeclaredResolver {
  @Query(() => [ArgProbe])
  @Sharing({
    type: 'UNCONDITIONAL',
    open: 'CLOSED',
    level: 'L1',
    provider: P,
    args: { secret: filterBy('ArgProbe.secret'), asOf: PARAMETER, code: lookupBy('Person.idNumber') },
  })
  declaredProbes(
    @Arg('secret', () => String) secret: string,
    @Arg('asOf', () => String) asOf: string,
    @Arg('code', () => String) code: string,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): ArgProbe[] {
    return secret && asOf && code && after ? [] : [];
  }
}

const def = (name: string, resolvers: Function[]): SubgraphDefinition => ({
  name,
  provider: P,
  entities: [],
  resolvers: resolvers as any,
  referenceResolvers: {},
  loaders: () => ({}),
  migrations: [],
  seed: async () => {},
  isEmpty: async () => true,
});

describe('argument declarations are checked when a subgraph is built', () => {
  test('an undeclared argument fails the build, naming it; paging arguments need no declaration', async () => {
    await expect(buildFederatedSchema(def('probe', [UndeclaredResolver]))).rejects.toThrow(/Query\.undeclaredProbes\(secret:\) is not declared/);
    await expect(buildFederatedSchema(def('probe', [UndeclaredResolver]))).rejects.not.toThrow(/first/);
  });

  test('a filter must name an item of the same subgraph (its policy decides)', async () => {
    await expect(buildFederatedSchema(def('probe', [RemoteFilterResolver]))).rejects.toThrow(/filters by Person\.name, which is not an item of this subgraph/);
  });

  test('declared arguments build, and the declaration is in the SDL for the catalogue and Sandbox', async () => {
    const built = await buildFederatedSchema(def('probe', [DeclaredResolver]));
    expect(built.policies.get('Query.declaredProbes')?.args).toEqual({ secret: 'filter:ArgProbe.secret', asOf: 'parameter', code: 'lookup:Person.idNumber' });
    expect(built.sdl).toContain('args: ["secret=filter:ArgProbe.secret", "asOf=parameter", "code=lookup:Person.idNumber"]');
  });

  test('a malformed declaration is refused where it is written', () => {
    expect(() => Sharing({ type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: P, args: { x: 'Person.name' } })).toThrow(/filter:Type.field/);
    expect(() => Sharing({ type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: P, inverse: 'nothing' })).toThrow(/inverse/);
  });
});

describe('sealed cursors', () => {
  const agency = { kind: 'agency' as const, agency: 'taxation', roles: [] };
  const scope = cursorScope('Query.persons', null, { divisionCode: '430405', first: 2, after: 'x' }, agency);

  test('a cursor unseals in its own scope, whatever the page size', () => {
    const sealed = sealCursor(scope, 'azpBQkM');
    expect(unsealCursor(cursorScope('Query.persons', null, { first: 50, divisionCode: '430405' }, agency), sealed)).toBe('azpBQkM');
  });

  test.each([
    ['another filter', cursorScope('Query.persons', null, { divisionCode: '430406' }, agency)],
    ['another field', cursorScope('Query.legalPersons', null, { divisionCode: '430405' }, agency)],
    ['another agency', cursorScope('Query.persons', null, { divisionCode: '430405' }, { ...agency, agency: 'civil-affairs' })],
    ['another parent', cursorScope('Query.persons', 'p1', { divisionCode: '430405' }, agency)],
  ])('replayed with %s it is BAD_USER_INPUT', (_label, other) => {
    expect(() => unsealCursor(other, sealCursor(scope, 'azpBQkM'))).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'after' }) }),
    );
  });

  test('forged or edited, it is BAD_USER_INPUT', () => {
    const sealed = sealCursor(scope, 'azpBQkM');
    for (const bad of ['azpBQkM', `azpBQkN.${sealed.split('.')[1]}`, `${sealed}x`, '', '.', 42]) {
      expect(() => unsealCursor(scope, bad)).toThrow(/not a cursor this API issued/);
    }
  });
});
