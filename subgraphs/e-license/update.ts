/**
 * The provider's small updates of licences (issue 11, item 1): `updateLicenses`, by the operator of
 * each kind's provider (市场监管 its 营业执照, 公安 its 身份证…; never the hosting bureau), under the
 * rules of an ingest file (ingest.ts). A licence is signed as a whole, so an update is a re-issue of
 * the stored record with the given fields replaced: the merged record passes every file rule, then
 * the platform signs it again with the issuer's key and a fresh salt. All or nothing: any problem
 * refuses the whole call (index, field, reason), an unknown licence is NOT_FOUND, nothing applied.
 *
 * The provider check looks at the kinds named in the input only, before any record is read, so an
 * agency without the right learns nothing of whether a licence exists.
 */
import { Arg, Ctx, Field, InputType, Mutation, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { emTransaction } from '../../platform/db/sql';
import { setChangeActor } from '../../platform/db/change-history';
import { applyRules, idNumber, RuleError, uscc, type FieldProblem } from '../../platform/ingest/rules';
import { assertProviderOperator, foundRows, MAX_UPDATES } from '../../platform/history/update';
import { reportCounts } from '../../platform/subgraph/refresh';
import { badUserInput, graphqlError, ErrorCode } from '../../platform/errors';
import { legalPersonKey, personKey } from '../../platform/keys';
import { findLicenseType, type LicenseTypeInfo } from './catalogue';
import { classifyNumber } from './numbers';
import { LICENCE_INGEST, licenceKey } from './ingest';
import { licenceKindCounts } from './refresh-counts';
import { licenseViews } from './views';
import type { ELicenseLoaders } from './loaders';
import { HolderKind, License, LicenseStatus } from './types';

type Ctx = SubgraphContext<ELicenseLoaders>;

@InputType({
  description:
    'A correction to one licence by its kind’s provider: type, number, holderKind and holder name it; fields left out are kept, null clears validTo or statusReason. Re-signed by the platform.',
})
export class LicenseUpdateInput {
  @Field(() => String, { description: 'The kind: its code (BUSINESS_LICENSE) or name (营业执照)' }) type: string;
  @Field(() => String) number: string;
  @Field(() => HolderKind) holderKind: HolderKind;
  @Field(() => String, { description: "The holder's citizen ID number (PERSON) or USCC (LEGAL_PERSON)" }) holder: string;
  @Field(() => String, { nullable: true }) holderName?: string;
  @Field(() => String, { nullable: true, description: 'An issuing agency code of the kind’s issuing agency kind' }) issuer?: string;
  @Field(() => String, { nullable: true }) issueDate?: string;
  @Field(() => String, { nullable: true }) validFrom?: string;
  @Field(() => String, { nullable: true, description: 'null: 长期 (no last day)' }) validTo?: string | null;
  @Field(() => LicenseStatus, { nullable: true, description: 'VALID, REVOKED or SUSPENDED (EXPIRED is read off the dates)' }) status?: LicenseStatus;
  @Field(() => String, { nullable: true, description: 'For REVOKED or SUSPENDED; cleared when the status becomes VALID and none is given' })
  statusReason?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The whole content (证面内容), replacing the stored one' })
  content?: Record<string, unknown>;
}

interface StoredLicence {
  id: string;
  holder_name: string;
  issuer_code: string;
  issue_date: string;
  valid_from: string;
  valid_to: string | null;
  status: string;
  status_reason: string | null;
  content: Record<string, unknown>;
}

type Problem = FieldProblem & { index: number };

const refuse = (problems: Problem[]) =>
  badUserInput(`Invalid update: ${problems.map((p) => `input[${p.index}].${p.field} ${p.reason}`).join('; ')}`, { argument: 'input', problems });

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The stored key of the licence an input names, or its problems (the number's format, the holder's ID). */
function keyOf(t: LicenseTypeInfo, input: LicenseUpdateInput, index: number, problems: Problem[]): string | undefined {
  let number: string | undefined;
  let holder: string | undefined;
  try {
    number = classifyNumber(input.number, 'number', t).number;
  } catch (e) {
    problems.push({ index, field: 'number', reason: message(e) });
  }
  try {
    holder = input.holderKind === 'PERSON' ? personKey(idNumber(input.holder)) : legalPersonKey(uscc(input.holder));
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    problems.push({ index, field: 'holder', reason: `${e.message} (holderKind ${input.holderKind})` });
  }
  return number && holder ? licenceKey(t.code, number, holder) : undefined;
}

/** The stored record with the input's fields put in, as the text an ingest file would hold. */
function merged(t: LicenseTypeInfo, input: LicenseUpdateInput, stored: StoredLicence): Record<string, string | null> {
  const given = <T>(v: T | undefined, kept: T) => (v === undefined ? kept : v);
  const status = given<string>(input.status, stored.status);
  // A licence made VALID again keeps no reason for a revocation it no longer has, unless one is given (then refused).
  const reasonKept = input.status === 'VALID' ? null : stored.status_reason;
  const content = given(input.content, stored.content);
  return {
    type: t.code,
    number: input.number,
    holderKind: input.holderKind,
    holder: input.holder,
    holderName: given(input.holderName, stored.holder_name),
    issuer: given(input.issuer, stored.issuer_code),
    issueDate: given(input.issueDate, stored.issue_date),
    validFrom: given(input.validFrom, stored.valid_from),
    validTo: given(input.validTo, stored.valid_to),
    status,
    statusReason: given(input.statusReason, reasonKept),
    content: content == null ? null : JSON.stringify(content),
  };
}

@Resolver()
export class LicenseUpdateResolver {
  @Mutation(() => [License], {
    description:
      "A kind's provider corrects its licences (all or nothing, at most 100): same rules as an ingest file; each re-signed with a fresh salt; every change kept in the history",
  })
  async updateLicenses(@Arg('input', () => [LicenseUpdateInput]) input: LicenseUpdateInput[], @Ctx() ctx: Ctx) {
    if (!input.length || input.length > MAX_UPDATES) {
      throw badUserInput(`Argument "input" must hold 1 to ${MAX_UPDATES} records, got ${input.length}`, { argument: 'input' });
    }
    const kinds = input.map((i) => findLicenseType(i.type));
    const unknown: Problem[] = kinds.flatMap((t, index) =>
      t ? [] : [{ index, field: 'type', reason: `is not a licence type code or name: ${JSON.stringify(input[index].type)}` }],
    );
    if (unknown.length) throw refuse(unknown);
    // 谁提供、谁负责: the caller must be the operator of every kind's provider, decided on the input alone.
    let actor: { agency: string; operator: string | null } | undefined;
    for (const provider of new Set(kinds.map((t) => t!.provider))) actor = assertProviderOperator(ctx, provider, '电子证照库', 'updateLicenses', 'License');

    const problems: Problem[] = [];
    const keys = input.map((i, index) => keyOf(kinds[index]!, i, index, problems));
    keys.forEach((k, index) => {
      const first = keys.indexOf(k);
      if (k && first !== index) problems.push({ index, field: 'number', reason: `the same licence as input ${first}` });
    });
    if (problems.length) throw refuse(problems);

    const updated = await emTransaction(ctx.em, async (q) => {
      await setChangeActor(q, { ...actor!, source: 'mutation' });
      const stored = await q<StoredLicence>(
        `SELECT id, holder_name, issuer_code, to_char(issue_date, 'YYYY-MM-DD') AS issue_date, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
                to_char(valid_to, 'YYYY-MM-DD') AS valid_to, status, status_reason, content
           FROM license WHERE id = ANY(?) FOR UPDATE`,
        [keys],
      );
      const byId = new Map(stored.map((s) => [s.id, s]));
      const rows = input.map((i, index) => {
        const s = byId.get(keys[index]!);
        if (!s) {
          throw graphqlError(ErrorCode.NOT_FOUND, `input[${index}]: no ${kinds[index]!.name} with this number and holder; nothing was updated`, {
            argument: 'input',
            index,
          });
        }
        const { values, problems: found } = applyRules(LICENCE_INGEST.rules, merged(kinds[index]!, i, s));
        // The file's cross-field rules; they also sign the merged record (fresh salt, issuer's key).
        if (!found.length) found.push(...LICENCE_INGEST.check!(values));
        problems.push(...found.map((p) => ({ index, ...p })));
        return { id: s.id, values };
      });
      if (problems.length) throw refuse(problems);
      for (const { id, values: v } of rows) {
        await q(
          `UPDATE license SET holder_name = ?, issuer_code = ?, issuer_name = ?, issue_date = ?, valid_from = ?, valid_to = ?, status = ?,
                  status_reason = ?, content = ?::jsonb, signature = ?, salt = ?
            WHERE id = ?`,
          [
            v.holderName,
            v.issuer,
            v.issuerName,
            v.issueDate,
            v.validFrom,
            v.validTo ?? null,
            v.status,
            v.statusReason ?? null,
            JSON.stringify(v.content),
            v.signature,
            v.salt,
            id,
          ],
        );
      }
      return rows.map((r) => ({ id: r.id, holder: r.values.holder as string }));
    });
    ctx.policy.audit.record(
      'License',
      'Mutation.updateLicenses',
      'served',
      updated.map((u) => u.holder),
    );
    // Freshness follows the data: the changed kinds' counts and real last change.
    await reportCounts('e-license', () => licenceKindCounts(ctx.em, [...new Set(kinds.map((t) => t!.code))]));
    return licenseViews(foundRows(await ctx.loaders.licenseById.loadMany(updated.map((u) => u.id))), ctx.policy);
  }
}
