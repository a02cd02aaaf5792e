/** Composite values (issue 8, class 1): a JSON field must declare which item each of its keys is,
 *  and each inner value is served under that item's decision and mask. */
import 'reflect-metadata';
import { Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { FieldPolicy, Sharing, keyPolicy } from '../../platform/policy/metadata';
import { buildFederatedSchema } from '../../platform/subgraph/schema';
import { serveComposite } from '../../platform/policy/composite';
import { decide } from '../../platform/policy/decide';
import { applyMask } from '../../platform/masking';
import type { SubgraphDefinition } from '../../platform/subgraph/definition';

const def = (resolvers: Function[]): SubgraphDefinition => ({
  name: 'probe',
  provider: 'public-security',
  entities: [],
  resolvers: resolvers as any,
  referenceResolvers: {},
  loaders: () => ({}),
  migrations: [],
  seed: async () => {},
  isEmpty: async () => true,
});

const NAME: FieldPolicy = { type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', mask: 'SURNAME', provider: 'public-security' };
const ID_NUMBER: FieldPolicy = { type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', mask: 'ID_NUMBER', provider: 'public-security' };
const BLOB: FieldPolicy = { type: 'CONDITIONAL', open: 'CLOSED', level: 'L3', provider: 'public-security' };

describe('the build refuses a JSON value that does not say what it holds', () => {
  test('a JSON field without a composite declaration fails the build, naming it', async () => {
    @ObjectType()
    class CardA {
      @Field(() => ID) @Sharing(keyPolicy('public-security')) id: string;
      @Field(() => GraphQLJSON, { nullable: true }) @Sharing(BLOB) content: unknown;
    }
    @Resolver(() => CardA)
    class CardAResolver {
      @Query(() => CardA, { nullable: true }) @Sharing(keyPolicy('public-security')) cardA(): CardA | null {
        return null;
      }
    }
    await expect(buildFederatedSchema(def([CardAResolver]))).rejects.toThrow(/CardA\.content is a JSON value: declare it composite/);
  });

  test('a composite key mapped to an item the subgraph does not declare fails the build', async () => {
    @ObjectType()
    class CardB {
      @Field(() => ID) @Sharing(keyPolicy('public-security')) id: string;
      @Field(() => GraphQLJSON, { nullable: true }) @Sharing({ ...BLOB, composite: { 姓名: 'CardB.name' } }) content: unknown;
    }
    @Resolver(() => CardB)
    class CardBResolver {
      @Query(() => CardB, { nullable: true }) @Sharing(keyPolicy('public-security')) cardB(): CardB | null {
        return null;
      }
    }
    await expect(buildFederatedSchema(def([CardBResolver]))).rejects.toThrow(/composite key "姓名" maps to CardB\.name, which this subgraph does not declare/);
  });

  test('a declared composite builds, and its map is in the SDL', async () => {
    @ObjectType()
    class CardC {
      @Field(() => ID) @Sharing(keyPolicy('public-security')) id: string;
      @Field(() => String, { nullable: true }) @Sharing(NAME) name: string;
      @Field(() => String, { nullable: true }) @Sharing(ID_NUMBER) idNumber: string;
      @Field(() => GraphQLJSON, { nullable: true }) @Sharing({ ...BLOB, composite: { 姓名: 'CardC.name', 公民身份号码: 'CardC.idNumber' } }) content: unknown;
    }
    @Resolver(() => CardC)
    class CardCResolver {
      @Query(() => CardC, { nullable: true }) @Sharing(keyPolicy('public-security')) cardC(): CardC | null {
        return null;
      }
    }
    const built = await buildFederatedSchema(def([CardCResolver]));
    expect(built.policies.get('CardC.content')?.composite).toEqual({ 姓名: 'CardC.name', 公民身份号码: 'CardC.idNumber' });
  });
});

describe('each inner value is served as its item', () => {
  const policies = new Map<string, FieldPolicy>([
    ['Card.name', NAME],
    ['Card.idNumber', ID_NUMBER],
  ]);
  const composite = { 姓名: 'Card.name', 公民身份号码: 'Card.idNumber' };
  const value = { 姓名: '李建华', 公民身份号码: '430421199001012177', 住址: '衡阳市蒸湘区' };
  const mask = (v: unknown, spec: string) => applyMask(v, spec, { hashKey: 'k' });
  const grant = (items: string[], masks: Record<string, string> = {}) =>
    [
      { id: 'g', agency: 'taxation', items: new Set(items), purposes: new Set(['综合治税']), masks, rowScope: null, validFrom: new Date(0), validTo: null },
    ] as any;
  const serve = (grants: any, agency = 'taxation') =>
    serveComposite(value, composite, (i) => decide(i, policies.get(i)!, { kind: 'agency', agency } as any, '综合治税', grants), mask);

  test('with grants keeping default masks: the name and ID number are masked as Person.name / idNumber; an undeclared key is left out', () => {
    expect(serve(grant(['Card.name', 'Card.idNumber']))).toEqual({ 姓名: mask('李建华', 'SURNAME'), 公民身份号码: mask('430421199001012177', 'ID_NUMBER') });
  });

  test('without a grant for an inner item, that value is left out', () => {
    expect(serve(grant(['Card.name']))).toEqual({ 姓名: mask('李建华', 'SURNAME') });
    expect(serve([])).toEqual({});
  });

  test('the provider of the inner items reads them in full (undeclared keys still never)', () => {
    expect(serve([], 'public-security')).toEqual({ 姓名: '李建华', 公民身份号码: '430421199001012177' });
  });
});
