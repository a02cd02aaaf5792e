/** Queries and relation fields of 人口基础库. Every relation goes through a DataLoader. */
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { Sharing, filterBy, lookupBy } from '../../platform/policy/metadata';
import { decodeCursor, toConnection, validateFirst } from '../../platform/graphql/connection';
import { assertDivisionCode, assertIsoDate } from '../../platform/graphql/args';
import { assertIdNumber } from '../../platform/ids/id-number';
import { personKey } from '../../platform/keys';
import { badUserInput } from '../../platform/errors';
import { HouseholdEntity, PersonEntity } from './entities';
import type { PopulationLoaders } from './loaders';
import { Household, Person, PersonConnection, PROVIDER } from './types';
import { findRows, PLAIN } from '../../platform/db/loaders';

type Ctx = SubgraphContext<PopulationLoaders>;

const LOOKUP = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L1', provider: PROVIDER } as const;
const LISTING = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER } as const;

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'A person by pseudonymous key' })
  @Sharing({ ...LOOKUP, args: { id: filterBy('Person.id') } })
  person(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.personById.load(id);
  }

  @Query(() => Person, { nullable: true, description: 'A person by citizen ID number (validated, GB 11643); counts against the lookup budget' })
  @Sharing({ ...LOOKUP, args: { idNumber: lookupBy('Person.idNumber') } })
  personByIdNumber(@Arg('idNumber', () => String) idNumber: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.personById.load(personKey(assertIdNumber(idNumber, 'idNumber')));
  }

  @Query(() => PersonConnection, { description: 'Persons in key order, optionally by division and birth-date range' })
  @Sharing({
    ...LISTING,
    args: { divisionCode: filterBy('Person.householdDivisionCode'), bornFrom: filterBy('Person.birthDate'), bornTo: filterBy('Person.birthDate') },
  })
  async persons(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('divisionCode', () => String, { nullable: true }) divisionCode?: string,
    @Arg('bornFrom', () => String, { nullable: true }) bornFrom?: string,
    @Arg('bornTo', () => String, { nullable: true }) bornTo?: string,
  ) {
    const size = validateFirst(first);
    const cursor = decodeCursor(after);
    const where: FilterQuery<PersonEntity> = {};
    if (divisionCode != null) where.householdDivisionCode = assertDivisionCode(divisionCode);
    const born: Record<string, string> = {};
    if (bornFrom != null) born.$gte = assertIsoDate(bornFrom, 'bornFrom');
    if (bornTo != null) born.$lte = assertIsoDate(bornTo, 'bornTo');
    if (bornFrom && bornTo && bornFrom > bornTo) throw badUserInput('Argument "bornFrom" is after "bornTo"', { argument: 'bornFrom' });
    if (Object.keys(born).length) where.birthDate = born;
    const rows = await findRows(ctx.em, PersonEntity, cursor ? { ...where, id: { $gt: cursor } } : where, { orderBy: { id: 'asc' }, limit: size + 1 }, PLAIN);
    return toConnection(
      rows,
      size,
      (p) => p.id,
      () => ctx.em.count(PersonEntity, where),
    );
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The household register this person belongs to' })
  // As strict as Household.members: household { id } on every person rebuilds every household.
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, inverse: 'Household.members' })
  household(@Root() person: PersonEntity, @Ctx() ctx: Ctx) {
    return person.householdId ? ctx.loaders.householdById.load(person.householdId) : null;
  }
}

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { nullable: true, description: 'A household by pseudonymous key' })
  @Sharing({ ...LOOKUP, args: { id: filterBy('Household.id') } })
  household(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.householdById.load(id);
  }

  // CONDITIONAL since issue 8 (class 15): with Person.household it pairs every person with the head
  // of their household, a relation between people (docs/classification-review.md).
  @FieldResolver(() => Person, { nullable: true, description: '户主' })
  // The head is a member: walked back by Person.household, and as strict as it.
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, inverse: 'Person.household' })
  head(@Root() household: HouseholdEntity, @Ctx() ctx: Ctx) {
    return ctx.loaders.personById.load(household.headId);
  }

  @FieldResolver(() => [Person], { description: 'Members, oldest first' })
  @Sharing({ type: 'CONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, inverse: 'Person.household' })
  members(@Root() household: HouseholdEntity, @Ctx() ctx: Ctx) {
    return ctx.loaders.membersByHousehold.load(household.id);
  }
}

export const populationReferenceResolvers = {
  Person: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.personById.load(ref.id) },
  Household: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.householdById.load(ref.id) },
};
