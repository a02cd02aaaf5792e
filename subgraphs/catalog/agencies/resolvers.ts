/**
 * The agency register (the public register, Art. 12), read through platform/governance, and kept
 * by the administering bureau's approver (register.ts): every change is an audited transition.
 */
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph/definition';
import { Sharing } from '../../../platform/policy/metadata';
import { agencyControls, listAgencies, type AgencyRecord } from '../../../platform/governance';
import type { CatalogLoaders } from '../loaders';
import { Agency, AgencyTrafficControls, RegisterAgencyInput, UpdateAgencyInput } from './types';
import { PUBLIC_REGISTER, WORKFLOW } from '../shared/policy';
import { iso, query, transaction } from '../shared/sql';
import { BUREAU, Role, requireBureau, roleActor } from '../shared/actors';
import { recordTransition } from '../shared/transitions';
import { changeSuspension, registerAgency, updateAgency } from './register';

type Ctx = SubgraphContext<CatalogLoaders>;

/** The bureau's approver (数据分管领导 of data-bureau), or FORBIDDEN naming what is missing. */
function registrar(ctx: Ctx, action: string) {
  const actor = roleActor(ctx.policy.identity, Role.APPROVER, action);
  requireBureau(actor, action);
  return actor;
}

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => [Agency], { description: 'Every agency on the platform, suspended ones included' })
  @Sharing(PUBLIC_REGISTER)
  agencies(@Ctx() ctx: Ctx) {
    return listAgencies(query(ctx.em));
  }

  @Query(() => Agency, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  agency(@Arg('code', () => String) code: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.agencyByCode.load(code);
  }

  @FieldResolver(() => String, { nullable: true })
  @Sharing(PUBLIC_REGISTER)
  suspendedAt(@Root() a: AgencyRecord) {
    return iso(a.suspendedAt);
  }

  @FieldResolver(() => AgencyTrafficControls, {
    nullable: true,
    description: 'Its rate-limit overrides and trusted-document flag: for the administering bureau and the agency itself; null for anyone else',
  })
  @Sharing(WORKFLOW)
  async trafficControls(@Root() a: AgencyRecord, @Ctx() ctx: Ctx): Promise<AgencyTrafficControls | null> {
    const identity = ctx.policy.identity;
    // Another agency's limits say how hard it may be pushed: not for other agencies to read.
    if (identity.kind !== 'agency' || (identity.agency !== BUREAU && identity.agency !== a.code)) return null;
    const c = await agencyControls(query(ctx.em), a.code);
    if (!c) return null;
    return { requestsPerSecond: c.requestsPerSecond, estimatedCostPerSecond: c.costPerSecond, enforceTrustedDocuments: c.enforceTrustedDocuments };
  }

  @Mutation(() => Agency, { description: "Registers an agency on the platform (the administering bureau's approver); its tokens work within a second" })
  async registerAgency(@Arg('input', () => RegisterAgencyInput) input: RegisterAgencyInput, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'Agency', 'registerAgency', undefined, async () => {
      registrar(ctx, 'Registering an agency');
      const code = await transaction(ctx.em, (q) => registerAgency(q, input));
      return ctx.loaders.agencyByCode.load(code);
    });
  }

  @Mutation(() => Agency, { description: "Edits an agency's register entry (the administering bureau's approver)" })
  async updateAgency(@Arg('code', () => String) code: string, @Arg('input', () => UpdateAgencyInput) input: UpdateAgencyInput, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'Agency', 'updateAgency', undefined, async () => {
      registrar(ctx, 'Editing an agency');
      const changed = await transaction(ctx.em, (q) => updateAgency(q, code, input));
      return ctx.loaders.agencyByCode.load(changed);
    });
  }

  @Mutation(() => Agency, {
    description:
      "Suspends an agency, with a reason (the administering bureau's approver): within a second its tokens read nothing in any subgraph. " +
      'Its grants and applications are kept; reinstateAgency lifts the suspension.',
  })
  async suspendAgency(@Arg('code', () => String) code: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'Agency', 'suspendAgency', undefined, async () => {
      const actor = registrar(ctx, 'Suspending an agency');
      const done = await transaction(ctx.em, (q) => changeSuspension(q, actor, code, reason, true));
      return ctx.loaders.agencyByCode.load(done);
    });
  }

  @Mutation(() => Agency, { description: "Lifts an agency's suspension, with a reason (the administering bureau's approver)" })
  async reinstateAgency(@Arg('code', () => String) code: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Ctx) {
    return recordTransition(ctx, 'Agency', 'reinstateAgency', undefined, async () => {
      const actor = registrar(ctx, 'Reinstating an agency');
      const done = await transaction(ctx.em, (q) => changeSuspension(q, actor, code, reason, false));
      return ctx.loaders.agencyByCode.load(done);
    });
  }
}
