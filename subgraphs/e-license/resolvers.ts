/** Queries of 电子证照库 (lookup, a holder's licences, verification, the catalogue) and the
 *  `licenses` fields it adds to Person and LegalPerson. Every list goes through a DataLoader. */
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { SubgraphContext } from '../../platform/subgraph/definition';
import { FieldPolicy, Sharing, filterBy, lookupBy } from '../../platform/policy/metadata';
import { badUserInput } from '../../platform/errors';
import {
  chinaToday,
  effectiveStatus,
  findLicenseType,
  HolderKindCode,
  ISSUERS,
  LICENSE_TYPES,
  licenseType,
  LicenseStatusCode,
  LicenseTypeInfo,
  licenseTypeOrder,
} from './catalogue';
import { commonPolicies } from './items';
import { issuerView } from './issuers';
import { licenseView, licenseViews } from './views';
import { LicenseEntity } from './entities';
import type { ELicenseLoaders } from './loaders';
import { classifyNumber } from './numbers';
import { canonicalJson, JsonObject, SignedLicenseFields, verifyLicenseSignature } from './signing';
import { CATALOGUE, LegalPersonRef, License, LicenseIssuer, LicenseStatus, LicenseType, LicenseVerification, PersonRef, PROVIDER } from './types';

type Ctx = SubgraphContext<ELicenseLoaders>;

const LOOKUP: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER };

// ---- what each argument carries (issue 8, "arguments are items"; platform/policy/arguments.ts) ----
// A licence number is a natural key (for an ID card or a driving licence, the citizen ID number):
// a lookup by it counts against the agency's daily lookup budget. So does the content a citizen
// presents for verification: trying candidate contents is trying candidate values of its items.
// `License.number` / `License.content` name the interface's number and presented content, whatever
// the kind. The other arguments filter by an item the caller must be able to read in full:
//  - `type` by the catalogue's LicenseType.code (open data);
//  - `holderId` by a holder key; Person.id, the stricter of the two holder keys (LegalPerson.id is open);
//  - `status` by the kind's status item. Every kind declares the same policy for it (items.ts,
//    commonPolicies; asserted by test/unit/e-license-arguments.test.ts), so one kind's item decides
//    for all: a person's kinds are represented by IdCard, a legal person's by BusinessLicense.
const NUMBER = lookupBy('License.number');
const PRESENTED_CONTENT = lookupBy('License.content');
const TYPE = filterBy('LicenseType.code');
const HOLDER = filterBy('Person.id');
export const PERSON_STATUS_ITEM = 'IdCard.status';
export const LEGAL_PERSON_STATUS_ITEM = 'BusinessLicense.status';

/** Inverse of a holder's licence list: the `holder` of every kind that holder may hold. */
const holdersOf = (kind: HolderKindCode) =>
  LICENSE_TYPES.filter((t) => t.holderKinds.includes(kind))
    .map((t) => `${t.graphqlName}.holder`)
    .join(', ');

/** Largest presented content accepted by verifyLicense (canonical JSON, characters). */
const MAX_CONTENT_LENGTH = 64 * 1024;

// ---- arguments ----------------------------------------------------------------------------------

function typeArg(value: string | null | undefined, argument = 'type'): LicenseTypeInfo | undefined {
  if (value == null) return undefined;
  const t = findLicenseType(value);
  if (!t) {
    const known = LICENSE_TYPES.map((x) => `${x.code} (${x.name})`).join(', ');
    throw badUserInput(`Argument "${argument}" must be a licence type code or name, one of ${known}; got ${JSON.stringify(value)}`, { argument });
  }
  return t;
}

/** A pseudonymous key: 22 characters of base64url (platform/keys.ts). */
function holderIdArg(value: string, argument = 'holderId'): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(value)) {
    throw badUserInput(
      `Argument "${argument}" must be the pseudonymous key of a Person or LegalPerson (their \`id\`, 22 characters), not a natural identifier`,
      { argument },
    );
  }
  return value;
}

/** The presented content: a JSON object, or a string holding one. */
function presentedContent(value: unknown): JsonObject {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch (e) {
      throw badUserInput(`Argument "content" is not valid JSON: ${(e as Error).message}`, { argument: 'content' });
    }
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw badUserInput('Argument "content" must be a JSON object (or a string holding one): the content of the licence as presented', { argument: 'content' });
  }
  const text = canonicalJson(v);
  if (text.length > MAX_CONTENT_LENGTH) throw badUserInput(`Argument "content" is longer than ${MAX_CONTENT_LENGTH} characters`, { argument: 'content' });
  return v as JsonObject;
}

// ---- helpers ------------------------------------------------------------------------------------

export function signedFields(row: LicenseEntity): SignedLicenseFields {
  return {
    number: row.number,
    type: row.typeCode,
    holderKey: row.holderId,
    issuer: row.issuerCode,
    issueDate: row.issueDate,
    validFrom: row.validFrom,
    validTo: row.validTo ?? null,
    content: row.content,
    salt: row.salt ?? '',
  };
}

const byCatalogueOrder = (a: LicenseEntity, b: LicenseEntity) =>
  licenseTypeOrder(a.typeCode) - licenseTypeOrder(b.typeCode) || a.issueDate.localeCompare(b.issueDate) || a.id.localeCompare(b.id);

function filtered(rows: LicenseEntity[], type: LicenseTypeInfo | undefined, status: LicenseStatus | undefined | null): LicenseEntity[] {
  const today = chinaToday();
  return rows
    .filter((r) => (!type || r.typeCode === type.code) && (!status || effectiveStatus(r.status, r.validTo ?? null, today) === status))
    .sort(byCatalogueOrder);
}

function holderTypeArg(value: string | null | undefined, kind: HolderKindCode, who: string): LicenseTypeInfo | undefined {
  const t = typeArg(value);
  if (t && !t.holderKinds.includes(kind)) {
    throw badUserInput(`Argument "type": ${t.name} (${t.code}) is not held by ${who}`, { argument: 'type' });
  }
  return t;
}

/** The issuer's recorded reason, where every agency may read it: a reason on a person's licence
 *  (drink-driving, death, a sale) is conditional and stays out of the verification's messages. */
function openReason(row: LicenseEntity | null): string {
  if (!row?.statusReason) return '';
  return commonPolicies(licenseType(row.typeCode)).statusReason.type === 'UNCONDITIONAL' ? `（${row.statusReason}）` : '';
}

const MESSAGES: Record<string, (row: LicenseEntity | null) => string> = {
  NOT_FOUND: () => '库中没有该编号的证照 / No licence with this number is on record',
  SIGNATURE_INVALID: () =>
    "证照记录的签名无法用发证机关公布的公钥验证，记录可能被篡改 / The record's signature does not verify with the issuer's published key: the record may have been altered",
  CONTENT_MISMATCH: () => '出示的证照内容与发证机关签发的内容不一致 / The presented content differs from the content the issuer signed',
  EXPIRED: (r) => `证照已超过有效期（有效期至 ${r?.validTo}） / The licence expired after ${r?.validTo}`,
  REVOKED: (r) => `证照已被撤销、吊销或注销${openReason(r)} / The licence has been revoked or cancelled`,
  SUSPENDED: (r) => `证照已被暂扣或中止${openReason(r)} / The licence is suspended`,
};

// ---- resolvers ----------------------------------------------------------------------------------

@Resolver()
export class LicenseResolver {
  @Query(() => License, {
    nullable: true,
    description:
      "A licence by its number (validated). A driving licence shares its number with the holder's ID card and spouses share a 结婚证 number: narrow with `type` and `holderId` when a number is ambiguous.",
  })
  @Sharing({ ...LOOKUP, args: { number: NUMBER, type: TYPE, holderId: HOLDER } })
  async license(
    @Arg('number', () => String) number: string,
    @Ctx() ctx: Ctx,
    @Arg('type', () => String, { nullable: true, description: 'Licence type code or name' }) type?: string,
    @Arg('holderId', () => ID, { nullable: true, description: 'Pseudonymous key of the holder' }) holderId?: string,
  ) {
    const t = typeArg(type);
    const holder = holderId != null ? holderIdArg(holderId) : undefined;
    const { number: n, types } = classifyNumber(number, 'number', t);
    const rows = (await ctx.loaders.licensesByNumber.load(n)).filter((r) => types.includes(r.typeCode as never) && (!holder || r.holderId === holder));
    if (rows.length <= 1) return rows[0] ? licenseView(rows[0], ctx.policy) : null;
    const typeCodes = [...new Set(rows.map((r) => r.typeCode))];
    const names = typeCodes.map((c) => findLicenseType(c)!.name).join(', ');
    const argument = typeCodes.length > 1 ? 'type' : 'holderId';
    throw badUserInput(`This number identifies ${rows.length} licences (${names}); narrow the lookup with "${argument}"`, { argument });
  }

  @Query(() => [License], { description: 'The licences of one holder (a Person or LegalPerson key), in catalogue order' })
  @Sharing({ ...LOOKUP, args: { holderId: HOLDER, type: TYPE, status: filterBy(PERSON_STATUS_ITEM) } })
  async licensesOf(
    @Arg('holderId', () => ID) holderId: string,
    @Ctx() ctx: Ctx,
    @Arg('type', () => String, { nullable: true, description: 'Licence type code or name' }) type?: string,
    @Arg('status', () => LicenseStatus, { nullable: true }) status?: LicenseStatus,
  ) {
    const t = typeArg(type);
    return licenseViews(filtered(await ctx.loaders.licensesByHolder.load(holderIdArg(holderId)), t, status), ctx.policy);
  }

  @Query(() => LicenseVerification, {
    description:
      "Checks a licence as a citizen or enterprise presents it (证照核验): authentic when the record exists, its signature verifies with the issuer's published key and the presented content equals the signed content; also says whether it is in force today.",
  })
  @Sharing({ ...LOOKUP, args: { number: NUMBER, content: PRESENTED_CONTENT, type: TYPE } })
  async verifyLicense(
    @Arg('number', () => String) number: string,
    @Arg('content', () => GraphQLJSON, { description: 'The content as presented: a JSON object, or a string holding one' }) content: unknown,
    @Ctx() ctx: Ctx,
    @Arg('type', () => String, { nullable: true, description: 'Licence type code or name' }) type?: string,
  ): Promise<LicenseVerification> {
    const t = typeArg(type);
    const { number: n, types } = classifyNumber(number, 'number', t);
    const presented = canonicalJson(presentedContent(content));
    const checkedOn = chinaToday();
    const answer = (row: LicenseEntity | null, reasons: string[], authentic: boolean, status: LicenseStatusCode | null): LicenseVerification => ({
      authentic,
      valid: authentic && status === 'VALID',
      status: status as LicenseStatus | null,
      reasons,
      messages: reasons.map((code) => MESSAGES[code](row)),
      checkedOn,
      license: row ? licenseView(row, ctx.policy) : null,
    });

    const candidates = (await ctx.loaders.licensesByNumber.load(n)).filter((r) => types.includes(r.typeCode as never));
    if (!candidates.length) return answer(null, ['NOT_FOUND'], false, null);
    // Several licences may share a number: the presented content tells which one is meant.
    const matching = candidates.filter((r) => canonicalJson(r.content) === presented);
    const row = matching[0] ?? (candidates.length === 1 ? candidates[0] : null);
    if (!row) return answer(null, ['CONTENT_MISMATCH'], false, null);

    const reasons: string[] = [];
    const signatureValid = verifyLicenseSignature(signedFields(row), row.signature);
    if (!signatureValid) reasons.push('SIGNATURE_INVALID');
    if (!matching.length) reasons.push('CONTENT_MISMATCH');
    const status = effectiveStatus(row.status, row.validTo ?? null, checkedOn);
    if (status !== 'VALID') reasons.push(status);
    return answer(row, reasons, signatureValid && matching.length > 0, status);
  }

  @Query(() => [LicenseType], { description: 'The catalogue of licence types' })
  @Sharing(CATALOGUE)
  licenseTypes(): LicenseTypeInfo[] {
    return [...LICENSE_TYPES];
  }

  @Query(() => [LicenseIssuer], { description: "Issuing agencies and the Ed25519 public keys that verify their licences' signatures" })
  @Sharing(CATALOGUE)
  licenseIssuers(): LicenseIssuer[] {
    return ISSUERS.map(issuerView);
  }
}

@Resolver(() => PersonRef)
export class PersonLicensesResolver {
  @FieldResolver(() => [License], { description: 'Licences this person holds (居民身份证, 机动车驾驶证, 结婚证, 不动产权证书…), in catalogue order' })
  @Sharing({ ...LOOKUP, args: { type: TYPE, status: filterBy(PERSON_STATUS_ITEM) }, inverse: holdersOf('PERSON') })
  async licenses(
    @Root() person: PersonRef,
    @Ctx() ctx: Ctx,
    @Arg('type', () => String, { nullable: true, description: 'Licence type code or name' }) type?: string,
    @Arg('status', () => LicenseStatus, { nullable: true }) status?: LicenseStatus,
  ) {
    const t = holderTypeArg(type, 'PERSON', 'persons');
    // Only licences held by a person: a legal person's key sent as a Person finds nothing.
    return licenseViews(filtered(await ctx.loaders.licensesOfHolder('PERSON', person.id), t, status), ctx.policy);
  }
}

@Resolver(() => LegalPersonRef)
export class LegalPersonLicensesResolver {
  @FieldResolver(() => [License], { description: 'Licences this legal person holds (营业执照, 食品经营许可证, 不动产权证书…), in catalogue order' })
  @Sharing({ ...LOOKUP, args: { type: TYPE, status: filterBy(LEGAL_PERSON_STATUS_ITEM) }, inverse: holdersOf('LEGAL_PERSON') })
  async licenses(
    @Root() legalPerson: LegalPersonRef,
    @Ctx() ctx: Ctx,
    @Arg('type', () => String, { nullable: true, description: 'Licence type code or name' }) type?: string,
    @Arg('status', () => LicenseStatus, { nullable: true }) status?: LicenseStatus,
  ) {
    const t = holderTypeArg(type, 'LEGAL_PERSON', 'legal persons');
    // Only licences held by a legal person: a person's key sent as a LegalPerson finds nothing.
    return licenseViews(filtered(await ctx.loaders.licensesOfHolder('LEGAL_PERSON', legalPerson.id), t, status), ctx.policy);
  }
}

export const eLicenseReferenceResolvers = {
  // Each kind is an entity; a key of another kind resolves to nothing.
  ...Object.fromEntries(
    LICENSE_TYPES.map((t) => [
      t.graphqlName,
      {
        __resolveReference: async (ref: { id: string }, ctx: Ctx) => {
          const row = await ctx.loaders.licenseById.load(ref.id);
          return row && row.typeCode === t.code ? licenseView(row, ctx.policy) : null;
        },
      },
    ]),
  ),
  // Any holder key resolves here: a holder without licences has an empty list.
  Person: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  LegalPerson: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};
