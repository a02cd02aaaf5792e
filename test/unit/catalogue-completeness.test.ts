/**
 * Guards issue 10 item 1, "the whole catalogue": a base database's type whose fields carry @sharing
 * but which is no catalogued resource fails the build; root types, @Structural plumbing and
 * another subgraph's entity stub are exempt; every registered base database passes.
 */
import 'reflect-metadata';
import { Directive, Field, ID, ObjectType, Query, Resolver, buildSchema } from 'type-graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { Resource, Sharing, Structural, keyPolicy } from '../../platform/policy/metadata';
import { collectPolicies, uncataloguedTypes } from '../../platform/policy/directive';
import { linkHeader, buildFederatedSchema } from '../../platform/subgraph/schema';
import { baseDatabaseNames, loadSubgraph, subgraphEntry } from '../../platform/subgraph/registry';

const OPEN = { type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: 'natural-resources' } as const;

@ObjectType()
class Nearby {
  @Field(() => Number) @Sharing(OPEN) metres: number;
}

@ObjectType()
@Resource({ code: 'HY-T-001', name: '宗地', summary: 's', updateCycle: 'DAILY', provider: 'natural-resources' })
class Plot {
  @Field(() => String) @Sharing(OPEN) code: string;
}

@ObjectType('Citizen')
@Directive('@key(fields: "id")')
class CitizenStub {
  @Field(() => ID) @Sharing(keyPolicy('public-security')) id: string;
  @Field(() => [Plot]) @Sharing({ ...OPEN, inverse: 'none: test' }) plots: Plot[];
}

@ObjectType()
@Structural()
class Page {
  @Field(() => Boolean) more: boolean;
}

@Resolver()
class Probe {
  @Query(() => [Nearby]) @Sharing(OPEN) nearby(): Nearby[] {
    return [];
  }
  @Query(() => Plot, { nullable: true }) @Sharing(OPEN) plot(): Plot | null {
    return null;
  }
  @Query(() => CitizenStub, { nullable: true }) @Sharing(OPEN) citizen(): CitizenStub | null {
    return null;
  }
  @Query(() => Page, { nullable: true }) @Sharing(OPEN) page(): Page | null {
    return null;
  }
}

describe('every @sharing field of a base database is a catalogue item', () => {
  test('an uncatalogued value type is named; root, structural and stub types are exempt', async () => {
    const tg = await buildSchema({ resolvers: [Probe], skipCheck: true, validate: false });
    const schema = buildSubgraphSchema({ typeDefs: parse(`${linkHeader()}\n${printSchemaWithDirectives(tg)}`) });
    const problems = uncataloguedTypes(schema, collectPolicies(schema), 'natural-resources');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Nearby carries @sharing items \(metres\) but is no catalogued resource/);
  });

  test('every registered base database builds with the check on', async () => {
    for (const name of baseDatabaseNames()) {
      await expect(buildFederatedSchema(loadSubgraph(subgraphEntry(name)))).resolves.toBeDefined();
    }
  });
});
