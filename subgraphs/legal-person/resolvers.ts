/** Queries of 法人基础库, the legal representative link, and Person.legalRepresentativeOf. */
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { Sharing, filterBy, lookupBy } from '../../platform/policy/metadata';
import { carriedView, HOUSEHOLD_ADDRESS, readsCarriedInFull, PERSON_NAME, renderCarriedName } from '../../platform/policy/carried';
import { decodeCursor, toConnection, validateFirst } from '../../platform/graphql/connection';
import { assertDivisionCode, assertNonEmpty } from '../../platform/graphql/args';
import { assertUscc } from '../../platform/ids/uscc';
import { legalPersonKey } from '../../platform/keys';
import { LegalPersonEntity } from './entities';
import type { LegalPersonLoaders } from './loaders';
import { LegalPerson, LegalPersonConnection, LegalPersonStatus, PersonRef, PROVIDER } from './types';
import { findRows, PLAIN } from '../../platform/db/loaders';

type Ctx = SubgraphContext<LegalPersonLoaders>;

const OPEN_LOOKUP = { type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: PROVIDER } as const;

/** LIKE wildcards in a user's search text are matched literally. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

@Resolver(() => LegalPerson)
export class LegalPersonResolver {
  @Query(() => LegalPerson, { nullable: true, description: 'A legal person by pseudonymous key' })
  @Sharing({ ...OPEN_LOOKUP, args: { id: filterBy('LegalPerson.id') } })
  legalPerson(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.legalPersonById.load(id);
  }

  @Query(() => LegalPerson, {
    nullable: true,
    description: "A legal person by unified social credit code (validated, GB 32100); counts against an agency's lookup budget",
  })
  @Sharing({ ...OPEN_LOOKUP, args: { uscc: lookupBy('LegalPerson.uscc') } })
  legalPersonByUscc(@Arg('uscc', () => String) uscc: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.legalPersonById.load(legalPersonKey(assertUscc(uscc, 'uscc')));
  }

  @Query(() => LegalPersonConnection, { description: 'Legal persons in key order, by name fragment, status and division' })
  @Sharing({
    ...OPEN_LOOKUP,
    args: { name: filterBy('LegalPerson.name'), status: filterBy('LegalPerson.status'), divisionCode: filterBy('LegalPerson.registeredDivisionCode') },
  })
  async legalPersons(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('name', () => String, { nullable: true, description: 'Substring of the name' }) name?: string,
    @Arg('status', () => LegalPersonStatus, { nullable: true }) status?: LegalPersonStatus,
    @Arg('divisionCode', () => String, { nullable: true }) divisionCode?: string,
  ) {
    const size = validateFirst(first);
    const cursor = decodeCursor(after);
    const where: FilterQuery<LegalPersonEntity> = {};
    if (name != null) {
      // The stored name holds {经营者} where an operator's name stood: a search matches the hidden
      // name only for a reader who may read Person.name in full (platform/policy/carried.ts).
      const like = `%${escapeLike(assertNonEmpty(name, 'name'))}%`;
      if (readsCarriedInFull(ctx.policy, PROVIDER, PERSON_NAME)) where.$or = [{ name: { $like: like } }, { operatorName: { $like: like } }];
      else where.name = { $like: like };
    }
    if (status != null) where.status = status;
    if (divisionCode != null) where.registeredDivisionCode = assertDivisionCode(divisionCode);
    const rows = await findRows(
      ctx.em,
      LegalPersonEntity,
      cursor ? { ...where, id: { $gt: cursor } } : where,
      { orderBy: { id: 'asc' }, limit: size + 1 },
      PLAIN,
    );
    return toConnection(
      rows,
      size,
      (r) => r.id,
      () => ctx.em.count(LegalPersonEntity, where),
    );
  }

  /** 名称: the open name; an operator's name inside it is shown as this reader may see Person.name. */
  @FieldResolver(() => String)
  name(@Root() lp: LegalPersonEntity, @Ctx() ctx: Ctx): string {
    return renderCarriedName(ctx.policy, PROVIDER, lp.name, lp.operatorName, lp.legalRepresentativeId);
  }

  /** 住所: open, unless it is a household address, which is served as Person.householdAddress would be. */
  @FieldResolver(() => String)
  registeredAddress(@Root() lp: LegalPersonEntity, @Ctx() ctx: Ctx): string {
    if (!lp.registeredAtHome) return lp.registeredAddress;
    const view = carriedView(ctx.policy, PROVIDER, HOUSEHOLD_ADDRESS, lp.registeredAddress);
    ctx.policy.audit.record(HOUSEHOLD_ADDRESS.resource, HOUSEHOLD_ADDRESS.item, view.outcome, lp.legalRepresentativeId);
    return view.text;
  }

  @FieldResolver(() => PersonRef, { description: '法定代表人 / 负责人 / 经营者 (resolved by the population subgraph)' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, inverse: 'Person.legalRepresentativeOf' })
  legalRepresentative(@Root() legalPerson: LegalPersonEntity): PersonRef {
    return { id: legalPerson.legalRepresentativeId };
  }
}

@Resolver(() => PersonRef)
export class PersonRepresentationResolver {
  @FieldResolver(() => [LegalPerson], { description: 'Legal persons this person legally represents' })
  @Sharing({ type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER, inverse: 'LegalPerson.legalRepresentative' })
  legalRepresentativeOf(@Root() person: PersonRef, @Ctx() ctx: Ctx) {
    return ctx.loaders.representedBy.load(person.id);
  }
}

export const legalPersonReferenceResolvers = {
  LegalPerson: { __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.legalPersonById.load(ref.id) },
  // Any person key resolves here: a person who represents nothing simply has an empty list.
  Person: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};
