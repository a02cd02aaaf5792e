/**
 * 电子证照库 through the router: verification of presented licences (authentic, tampered content,
 * tampered records, revoked / expired / suspended, unknown), validation, independent signature
 * checks with the published keys and the server-side salt, the licences of Person and LegalPerson
 * (one GraphQL type per kind, each provided by the agency responsible for it), policy, and no N+1.
 * Run with TEST_SUBGRAPHS=population,legal-person,e-license.
 */
import { createHmac, createPublicKey, verify } from 'node:crypto';
import { asAgency, countSql, gql } from '../support/client';
import { withDb } from '../support/db';
import { legalPersonLicenses, personLicenses, SyntheticLicense } from '../../seed/synthetic/e-license';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticHousehold, syntheticPerson } from '../../seed/synthetic/people';
import { legalPersonCount } from '../../seed/synthetic/city';
import { makeUscc } from '../../platform/ids/uscc';
import { legalPersonKey, personKey } from '../../platform/keys';
import { chinaToday, effectiveStatus, licenseType } from '../../subgraphs/e-license/catalogue';

const scale = () => Number(process.env.TEST_SEED_SCALE);
const today = chinaToday();
const statusOf = (l: SyntheticLicense) => effectiveStatus(l.status, l.validTo, today);

/** The bureau hosting 电子证照库: it provides the lookups, not what the licences say. */
const asBureau = () => asAgency('data-bureau');
/** A counter clerk of an agency that provides no licence kind and holds no licence grant: unconditional items only. */
const asClerk = () => asAgency('human-resources');
/** The agency responsible for a kind of licence (e-license/catalogue.ts): it reads that kind in full. */
const asProviderOf = (type: string) => asAgency(licenseType(type).provider);

/** Independent canonical JSON (RFC 8785 for strings, objects, arrays, null): not the subgraph's code. */
function jcs(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${jcs((v as any)[k])}`)
    .join(',')}}`;
}

function firstLegalPersonLicense(pred: (l: SyntheticLicense) => boolean): SyntheticLicense {
  for (let k = 0; k < legalPersonCount(scale()); k++) for (const l of legalPersonLicenses(k, scale())) if (pred(l)) return l;
  throw new Error('no seeded legal-person licence fits');
}
function firstPersonLicense(pred: (l: SyntheticLicense) => boolean): SyntheticLicense {
  for (let i = 0; i < scale(); i++) for (const l of personLicenses(i)) if (pred(l)) return l;
  throw new Error('no seeded person licence fits');
}

const VERIFY = `query($n: String!, $c: JSON!, $t: String) {
  verifyLicense(number: $n, content: $c, type: $t) { authentic valid status reasons messages checkedOn license { id status type { code } } } }`;

const activeBusiness = () =>
  firstLegalPersonLicense(
    (l) => l.type === 'BUSINESS_LICENSE' && syntheticLegalPerson(l.holderIndex, scale()).kind === 'ENTERPRISE' && statusOf(l) === 'VALID',
  );

describe('verifyLicense: a counter clerk checks a presented licence', () => {
  test('a seeded business licence with its exact content is authentic and valid', async () => {
    const l = activeBusiness();
    const lp = syntheticLegalPerson(l.holderIndex, scale());
    expect(l.number).toBe(lp.uscc);
    expect(l.content).toMatchObject({
      名称: lp.name,
      法定代表人: syntheticPerson(lp.legalRepresentativeIndex).name,
      经营范围: lp.businessScope,
      成立日期: lp.establishedDate,
    });

    // The record as its provider (market regulation) serves it: typed fields, one item each.
    const stored = await gql(
      `query($n: String!) { license(number: $n) { status ... on BusinessLicense { name legalRepresentative businessScope establishedDate } } }`,
      { n: l.number },
      await asProviderOf('BUSINESS_LICENSE'),
    );
    expect(stored.errors).toBeUndefined();
    expect(stored.data.license).toEqual({
      status: 'VALID',
      name: l.content.名称,
      legalRepresentative: l.content.法定代表人,
      businessScope: l.content.经营范围,
      establishedDate: l.content.成立日期,
    });

    const headers = await asClerk();
    for (const presented of [jcs(l.content), l.content]) {
      const r = await gql(VERIFY, { n: l.number, c: presented }, headers);
      expect(r.errors).toBeUndefined();
      expect(r.data.verifyLicense).toMatchObject({ authentic: true, valid: true, status: 'VALID', reasons: [], messages: [], checkedOn: today });
      expect(r.data.verifyLicense.license).toMatchObject({ status: 'VALID', type: { code: 'BUSINESS_LICENSE' } });
    }
    // Key order and whitespace of the presented JSON do not matter; lowercase numbers are accepted.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(l.content).reverse()), null, 2);
    const r = await gql(VERIFY, { n: l.number.toLowerCase(), c: reordered, t: '营业执照' }, headers);
    expect(r.data.verifyLicense).toMatchObject({ authentic: true, valid: true });
  });

  test('tampered presented content is CONTENT_MISMATCH', async () => {
    const l = activeBusiness();
    const forged = { ...l.content, 注册资本: '99999万元人民币' };
    const r = await gql(VERIFY, { n: l.number, c: forged }, await asClerk());
    expect(r.errors).toBeUndefined();
    expect(r.data.verifyLicense).toMatchObject({ authentic: false, valid: false, status: 'VALID', reasons: ['CONTENT_MISMATCH'] });
    expect(r.data.verifyLicense.messages[0]).toMatch(/不一致.*differs/);
    const missing = { ...l.content } as Record<string, unknown>;
    delete missing.经营范围;
    const r2 = await gql(VERIFY, { n: l.number, c: missing }, await asClerk());
    expect(r2.data.verifyLicense.reasons).toEqual(['CONTENT_MISMATCH']);
  });

  test('a stored signature altered in the database is SIGNATURE_INVALID (and restored)', async () => {
    const l = activeBusiness();
    const id = (await withDb('e-license', (c) => c.query('SELECT id, signature FROM license WHERE number = $1 AND type_code = $2', [l.number, l.type])))
      .rows[0];
    const bytes = Buffer.from(id.signature, 'base64');
    bytes[10] ^= 0x01;
    await withDb('e-license', (c) => c.query('UPDATE license SET signature = $1 WHERE id = $2', [bytes.toString('base64'), id.id]));
    try {
      const r = await gql(VERIFY, { n: l.number, c: l.content }, await asClerk());
      expect(r.errors).toBeUndefined();
      expect(r.data.verifyLicense).toMatchObject({ authentic: false, valid: false, status: 'VALID', reasons: ['SIGNATURE_INVALID'] });
      expect(r.data.verifyLicense.messages[0]).toMatch(/签名/);
    } finally {
      await withDb('e-license', (c) => c.query('UPDATE license SET signature = $1 WHERE id = $2', [id.signature, id.id]));
    }
    const restored = await gql(VERIFY, { n: l.number, c: l.content }, await asClerk());
    expect(restored.data.verifyLicense.authentic).toBe(true);
  });

  test('content altered in the database does not verify, even when the presenter shows the altered text', async () => {
    const l = activeBusiness();
    const forged = { ...l.content, 经营范围: '一般项目：金融借贷' };
    await withDb('e-license', (c) =>
      c.query('UPDATE license SET content = $1 WHERE number = $2 AND type_code = $3', [JSON.stringify(forged), l.number, l.type]),
    );
    try {
      const r = await gql(VERIFY, { n: l.number, c: forged }, await asClerk());
      expect(r.data.verifyLicense).toMatchObject({ authentic: false, reasons: ['SIGNATURE_INVALID'] });
      const genuine = await gql(VERIFY, { n: l.number, c: l.content }, await asClerk());
      expect(genuine.data.verifyLicense.reasons).toEqual(['SIGNATURE_INVALID', 'CONTENT_MISMATCH']);
    } finally {
      await withDb('e-license', (c) =>
        c.query('UPDATE license SET content = $1 WHERE number = $2 AND type_code = $3', [JSON.stringify(l.content), l.number, l.type]),
      );
    }
  });

  test('a revoked business licence is authentic but not valid, and says why', async () => {
    const l = firstLegalPersonLicense((x) => x.type === 'BUSINESS_LICENSE' && syntheticLegalPerson(x.holderIndex, scale()).status === 'REVOKED');
    expect(l.status).toBe('REVOKED');
    const r = await gql(VERIFY, { n: l.number, c: l.content }, await asClerk());
    expect(r.data.verifyLicense).toMatchObject({ authentic: true, valid: false, status: 'REVOKED', reasons: ['REVOKED'] });
    expect(r.data.verifyLicense.messages[0]).toMatch(/吊销营业执照/);
    const cancelled = firstLegalPersonLicense((x) => x.type === 'BUSINESS_LICENSE' && syntheticLegalPerson(x.holderIndex, scale()).status === 'CANCELLED');
    const c = await gql(`query($n: String!) { license(number: $n) { status statusReason } }`, { n: cancelled.number }, await asClerk());
    expect(c.data.license).toEqual({ status: 'REVOKED', statusReason: '注销登记' });
  });

  test('an expired ID card and a suspended driving licence report EXPIRED and SUSPENDED', async () => {
    const expired = firstPersonLicense((l) => l.type === 'ID_CARD' && statusOf(l) === 'EXPIRED');
    const r = await gql(VERIFY, { n: expired.number, c: expired.content, t: 'ID_CARD' }, await asClerk());
    expect(r.data.verifyLicense).toMatchObject({ authentic: true, valid: false, status: 'EXPIRED', reasons: ['EXPIRED'] });
    expect(r.data.verifyLicense.messages[0]).toContain(expired.validTo);

    const suspended = firstPersonLicense((l) => l.type === 'DRIVING_LICENSE' && l.status === 'SUSPENDED');
    // Its number is also its holder's ID card number: the presented content tells them apart.
    const s = await gql(VERIFY, { n: suspended.number, c: suspended.content }, await asClerk());
    expect(s.data.verifyLicense).toMatchObject({
      authentic: true,
      status: 'SUSPENDED',
      reasons: ['SUSPENDED'],
      license: { type: { code: 'DRIVING_LICENSE' } },
    });
    expect(s.data.verifyLicense.messages[0]).toMatch(/暂扣/);
  });

  test('an unknown but well-formed number is NOT_FOUND, not an error', async () => {
    const unknown = makeUscc('9', '1', '430408', 99_999_999, 'NUMERIC');
    const r = await gql(VERIFY, { n: unknown, c: { 名称: '不存在的公司' } }, await asClerk());
    expect(r.errors).toBeUndefined();
    expect(r.data.verifyLicense).toMatchObject({ authentic: false, valid: false, status: null, reasons: ['NOT_FOUND'], license: null });
    const lookup = await gql(`query($n: String!) { license(number: $n) { id } }`, { n: unknown }, await asClerk());
    expect(lookup.errors).toBeUndefined();
    expect(lookup.data.license).toBeNull();
  });

  test.each([
    ['a USCC with a wrong check character', (u: string) => u.slice(0, 17) + (u[17] === '0' ? '1' : '0'), /check/i],
    ['an ID number with an impossible date', () => '430408199002300013', /date/i],
    ['text that is no licence number', () => 'ABC-123', /not a licence number/],
    ['a food permit number with a wrong check digit', () => 'JY24304080000010', /check digit/],
  ])('a malformed number (%s) is BAD_USER_INPUT naming "number"', async (_label, make, message) => {
    const l = activeBusiness();
    const r = await gql(VERIFY, { n: make(l.number), c: l.content }, await asClerk());
    expect(r.status).toBeLessThan(500);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'number' });
    expect(r.errors?.[0].message).toMatch(message);
    expect(r.data?.verifyLicense ?? null).toBeNull();
  });

  test.each([
    ['malformed JSON text', '{"名称": "衡阳'],
    ['a JSON array', [1, 2]],
    ['a JSON string that holds no object', '"营业执照"'],
    ['a number', 42],
  ])('malformed content (%s) is BAD_USER_INPUT naming "content"', async (_label, content) => {
    const l = activeBusiness();
    const r = await gql(VERIFY, { n: l.number, c: content }, await asClerk());
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'content' });
  });

  test('a type that does not exist, or does not fit the number, is BAD_USER_INPUT naming "type" or "number"', async () => {
    const l = activeBusiness();
    const bogus = await gql(VERIFY, { n: l.number, c: l.content, t: 'PASSPORT' }, await asClerk());
    expect(bogus.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'type' });
    const misfit = await gql(VERIFY, { n: l.number, c: l.content, t: 'FOOD_BUSINESS_PERMIT' }, await asClerk());
    expect(misfit.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'number' });
    expect(misfit.errors?.[0].message).toMatch(/食品经营许可证/);
  });

  test('verification needs an agency token: it is not open data', async () => {
    const l = activeBusiness();
    const r = await gql(VERIFY, { n: l.number, c: l.content });
    expect(r.data?.verifyLicense ?? null).toBeNull();
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(r.errors?.[0].extensions?.code);
  });
});

describe('signatures verify independently with the published keys and the server-side salt', () => {
  test('licenseIssuers is open data; its key verifies the salted commitment with node:crypto alone', async () => {
    const issuers = await gql(`{ licenseIssuers { agency name kind algorithm publicKey jwk { kty crv x kid } } licenseTypes { code name holderKinds } }`);
    expect(issuers.errors).toBeUndefined();
    expect(issuers.data.licenseTypes.map((t: any) => t.name)).toEqual(
      expect.arrayContaining(['居民身份证', '营业执照', '食品经营许可证', '不动产权证书', '结婚证', '道路运输经营许可证', '机动车驾驶证']),
    );

    for (const l of [
      activeBusiness(),
      firstPersonLicense((x) => x.type === 'MARRIAGE_CERTIFICATE'),
      firstLegalPersonLicense((x) => x.type === 'FOOD_BUSINESS_PERMIT'),
    ]) {
      const issuer = issuers.data.licenseIssuers.find((i: any) => i.agency === l.issuer.code);
      expect(issuer).toMatchObject({ name: l.issuer.name, algorithm: 'Ed25519', jwk: { kty: 'OKP', crv: 'Ed25519', kid: l.issuer.code } });
      expect(Buffer.from(issuer.publicKey, 'base64')).toHaveLength(32);

      const holderKey = l.holderKind === 'PERSON' ? personKey(l.holderNaturalId) : legalPersonKey(l.holderNaturalId);
      const r = await gql(
        `query($n: String!, $t: String, $h: ID) { license(number: $n, type: $t, holderId: $h) {
           id number type { code } holder { ... on Person { id } ... on LegalPerson { id } } issuer { agency }
           issueDate validFrom validTo signature } }`,
        { n: l.number, t: l.type, h: holderKey },
        await asProviderOf(l.type),
      );
      expect(r.errors).toBeUndefined();
      const got = r.data.license;
      // The salt is the server's secret: only the database (the verifier) holds it.
      const { salt } = (await withDb('e-license', (c) => c.query('SELECT salt FROM license WHERE id = $1', [got.id]))).rows[0];
      expect(Buffer.from(salt, 'base64url')).toHaveLength(32);
      const licence = jcs({
        number: got.number,
        type: got.type.code,
        holderKey: got.holder.id,
        issuer: got.issuer.agency,
        issueDate: got.issueDate,
        validFrom: got.validFrom,
        validTo: got.validTo,
        content: l.content,
      });
      const commitment = createHmac('sha256', Buffer.from(salt, 'base64url')).update(licence, 'utf8').digest('base64url');
      const payload = jcs({ v: 2, issuer: got.issuer.agency, commitment });
      const fromRaw = createPublicKey({
        key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(issuer.publicKey, 'base64')]),
        format: 'der',
        type: 'spki',
      });
      const fromJwk = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: issuer.jwk.x }, format: 'jwk' });
      const signature = Buffer.from(got.signature, 'base64');
      expect(verify(null, Buffer.from(payload, 'utf8'), fromRaw, signature)).toBe(true);
      expect(verify(null, Buffer.from(payload, 'utf8'), fromJwk, signature)).toBe(true);
      // The content alone (the scheme before salted commitments) does not verify: nothing to test guesses against.
      expect(verify(null, Buffer.from(licence, 'utf8'), fromJwk, signature)).toBe(false);
      // Another agency's key does not verify it.
      const other = issuers.data.licenseIssuers.find((i: any) => i.agency !== l.issuer.code);
      const otherKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: other.jwk.x }, format: 'jwk' });
      expect(verify(null, Buffer.from(payload, 'utf8'), otherKey, signature)).toBe(false);
    }
  });
});

describe('licences of persons and legal persons through the router', () => {
  const personWith = () => {
    for (let i = 0; i < scale(); i++) {
      const ls = personLicenses(i);
      if (ls.some((l) => l.type === 'DRIVING_LICENSE') && ls.some((l) => l.type === 'MARRIAGE_CERTIFICATE')) return { i, ls };
    }
    throw new Error('no person with a driving licence and a marriage certificate');
  };

  /** Two seeded spouses and one of their marriage certificates. */
  const couple = () => {
    for (let i = 0; i < scale(); i++) {
      const m = personLicenses(i).find((l) => l.type === 'MARRIAGE_CERTIFICATE');
      if (!m) continue;
      const p = syntheticPerson(i);
      const other = p.gender === 'MALE' ? (m.content.女方 as Record<string, string>) : (m.content.男方 as Record<string, string>);
      const j = syntheticHousehold(p.householdIndex).memberIndices.find((x) => x < scale() && syntheticPerson(x).idNumber === other.身份证件号);
      if (j !== undefined) return [p, syntheticPerson(j), m] as const;
    }
    throw new Error('no seeded couple');
  };

  test('Person.licenses lists what the seed issued, one type per kind, filters by type and status, and resolves holders', async () => {
    const { i, ls } = personWith();
    const p = syntheticPerson(i);
    // Public security provides ID cards and driving licences; a 结婚证 is civil affairs' (its issuer is conditional).
    const r = await gql(
      `query($n: String!) { personByIdNumber(idNumber: $n) {
         licenses(type: "机动车驾驶证") { __typename number status type { code name } issuer { name } holderName holder { ... on Person { id } } }
         driving: licenses(type: "机动车驾驶证") { number ... on DrivingLicense { idNumber name birthDate address vehicleClass firstIssueDate } }
         all: licenses { __typename status type { code } holder { ... on Person { id } } }
         valid: licenses(status: VALID) { type { code } } } }`,
      { n: p.idNumber },
      await asProviderOf('DRIVING_LICENSE'),
    );
    expect(r.errors).toBeUndefined();
    const got = r.data.personByIdNumber;
    const driving = ls.find((l) => l.type === 'DRIVING_LICENSE')!;
    expect(got.licenses).toEqual([
      {
        __typename: 'DrivingLicense',
        number: p.idNumber,
        status: statusOf(driving),
        type: { code: driving.type, name: '机动车驾驶证' },
        issuer: { name: driving.issuer.name },
        holderName: p.name,
        holder: { id: personKey(p.idNumber) },
      },
    ]);
    expect(got.all).toEqual(
      ls.map((l) => ({ __typename: licenseType(l.type).graphqlName, status: statusOf(l), type: { code: l.type }, holder: { id: personKey(p.idNumber) } })),
    );
    const c = driving.content as Record<string, string>;
    expect(got.driving).toEqual([
      { number: p.idNumber, idNumber: c.证号, name: c.姓名, birthDate: c.出生日期, address: c.住址, vehicleClass: c.准驾车型, firstIssueDate: c.初次领证日期 },
    ]);
    expect(got.valid.map((x: any) => x.type.code)).toEqual(ls.filter((l) => statusOf(l) === 'VALID').map((l) => l.type));
  });

  test('LegalPerson.licenses(type:) through the router, with the holder resolved by legal-person', async () => {
    const food = firstLegalPersonLicense((l) => l.type === 'FOOD_BUSINESS_PERMIT');
    const lp = syntheticLegalPerson(food.holderIndex, scale());
    const r = await gql(
      `query($u: String!) { legalPersonByUscc(uscc: $u) {
         all: licenses { type { code } }
         business: licenses(type: "BUSINESS_LICENSE") { number status holder { ... on LegalPerson { name uscc } } }
         food: licenses(type: "food_business_permit") { number status issuer { name } } } }`,
      { u: lp.uscc },
      await asProviderOf('FOOD_BUSINESS_PERMIT'),
    );
    expect(r.errors).toBeUndefined();
    const got = r.data.legalPersonByUscc;
    expect(got.all.map((x: any) => x.type.code)).toEqual(legalPersonLicenses(food.holderIndex, scale()).map((l) => l.type));
    const business = legalPersonLicenses(food.holderIndex, scale()).find((l) => l.type === 'BUSINESS_LICENSE')!;
    expect(got.business).toEqual([{ number: lp.uscc, status: statusOf(business), holder: { name: lp.name, uscc: lp.uscc } }]);
    expect(got.food).toEqual([{ number: food.number, status: statusOf(food), issuer: { name: food.issuer.name } }]);
  });

  test('licensesOf and license(number) join back to the holder in population', async () => {
    const { i, ls } = personWith();
    const p = syntheticPerson(i);
    const key = personKey(p.idNumber);
    const r = await gql(
      `query($h: ID!) { licensesOf(holderId: $h) { type { code } holder { ... on Person { id idNumber } } } }`,
      { h: key },
      await asAgency('public-security'),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.licensesOf.map((x: any) => x.type.code)).toEqual(ls.map((l) => l.type));
    for (const x of r.data.licensesOf) expect(x.holder).toEqual({ id: key, idNumber: p.idNumber });
    const bad = await gql(`query($h: ID!) { licensesOf(holderId: $h) { id } }`, { h: p.idNumber }, await asBureau());
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'holderId' });
  });

  test('ambiguous numbers ask for "type" or "holderId"', async () => {
    const { i } = personWith();
    const p = syntheticPerson(i);
    const headers = await asProviderOf('ID_CARD');
    const q = `query($n: String!, $t: String, $h: ID) { license(number: $n, type: $t, holderId: $h) { type { code } holderName } }`;
    const both = await gql(q, { n: p.idNumber }, headers);
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'type' });
    const card = await gql(q, { n: p.idNumber, t: 'DRIVING_LICENSE' }, headers);
    expect(card.data.license).toEqual({ type: { code: 'DRIVING_LICENSE' }, holderName: p.name });

    // Both spouses hold a 结婚证 with the same 字号: the lookup then needs the holder.
    const [a, b, m] = couple();
    const civil = await asProviderOf('MARRIAGE_CERTIFICATE');
    const pair = await gql(q, { n: m.number, t: '结婚证' }, civil);
    expect(pair.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'holderId' });
    for (const holder of [a, b]) {
      const one = await gql(q, { n: m.number, t: '结婚证', h: personKey(holder.idNumber) }, civil);
      expect(one.data.license).toEqual({ type: { code: 'MARRIAGE_CERTIFICATE' }, holderName: holder.name });
    }
  });

  test('filter arguments are validated: unknown types and types a holder cannot hold are BAD_USER_INPUT', async () => {
    const p = syntheticPerson(0);
    const headers = await asBureau();
    const wrongKind = await gql(`query($n: String!) { personByIdNumber(idNumber: $n) { licenses(type: "营业执照") { number } } }`, { n: p.idNumber }, headers);
    expect(wrongKind.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'type' });
    expect(wrongKind.errors?.[0].message).toMatch(/not held by persons/);
    const unknown = await gql(`query($n: String!) { personByIdNumber(idNumber: $n) { licenses(type: "护照") { number } } }`, { n: p.idNumber }, headers);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'type' });
    const badStatus = await gql(`query($n: String!) { personByIdNumber(idNumber: $n) { licenses(status: LOST) { number } } }`, { n: p.idNumber }, headers);
    expect(badStatus.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('policy of 电子证照库 items', () => {
  const q = `query($n: String!) { license(number: $n, type: "ID_CARD") {
    type { code } status issueDate signature holder { ... on Person { id } } number holderName
    ... on IdCard { name idNumber address photoDigest } } }`;

  test('another agency reads unconditional items; number, holderName and the typed content need a grant; biometrics are never shared', async () => {
    const card = firstPersonLicense((l) => l.type === 'ID_CARD' && l.status === 'VALID');
    const r = await gql(q, { n: card.number }, await asClerk());
    expect(r.data.license).toMatchObject({
      type: { code: 'ID_CARD' },
      status: statusOf(card),
      issueDate: card.issueDate,
      holder: { id: personKey(card.number) },
      number: null,
      holderName: null,
      name: null,
      idNumber: null,
      address: null,
      photoDigest: null,
    });
    const refused = Object.fromEntries((r.errors ?? []).map((e) => [e.path?.[e.path.length - 1], e.extensions]));
    expect(Object.keys(refused).sort()).toEqual(['address', 'holderName', 'idNumber', 'name', 'number', 'photoDigest']);
    expect(refused.number).toMatchObject({ code: 'FORBIDDEN', sharingType: 'CONDITIONAL', provider: 'public-security', item: 'IdCard.number' });
    expect(refused.idNumber).toMatchObject({ code: 'FORBIDDEN', sharingType: 'CONDITIONAL', provider: 'public-security', item: 'IdCard.idNumber' });
    expect(refused.photoDigest).toMatchObject({ code: 'FORBIDDEN', sharingType: 'NONE', provider: 'public-security' });
    expect(refused.photoDigest.basis).toMatch(/居民身份证法.*个人信息保护法》第二十八条/);
  });

  test('public security, responsible for ID cards, reads them in full; the hosting bureau does not', async () => {
    const card = firstPersonLicense((l) => l.type === 'ID_CARD' && l.status === 'VALID');
    const police = await gql(q, { n: card.number }, await asAgency('public-security'));
    expect(police.errors).toBeUndefined();
    const c = card.content as Record<string, string>;
    expect(police.data.license).toMatchObject({
      number: card.number,
      holderName: card.holderName,
      name: c.姓名,
      idNumber: c.公民身份号码,
      address: c.住址,
      photoDigest: card.photoDigest,
    });
    const bureau = await gql(q, { n: card.number }, await asBureau());
    expect(bureau.data.license).toMatchObject({ number: null, holderName: null, name: null, idNumber: null, address: null, photoDigest: null });
    expect(bureau.errors?.map((e) => e.extensions?.code)).toEqual(expect.arrayContaining(['FORBIDDEN']));
  });
});

describe('no N+1', () => {
  test('licences of a page of legal persons and of their representatives: SQL statements do not grow with the page', async () => {
    const q = `query($n: Int!) { legalPersons(first: $n) { edges { node { licenses { id status } legalRepresentative { licenses { id status } } } } } }`;
    const headers = await asBureau();
    const small = await countSql(() => gql(q, { n: 10 }, headers));
    const large = await countSql(() => gql(q, { n: 100 }, headers));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    const edges = large.result.data.legalPersons.edges;
    expect(edges).toHaveLength(100);
    expect(edges.every((e: any) => e.node.licenses.length >= 1)).toBe(true);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(4);
  });
});

describe('an ingested licence (issue 11): the platform signs it, verifyLicense accepts it', () => {
  test('market regulation loads a 营业执照 through the CLI; a clerk verifies it as authentic and valid', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const uscc = makeUscc('9', '1', '430408', 99_999_901, 'NUMERIC');
    const content = {
      统一社会信用代码: uscc,
      名称: '衡阳市导入测试有限公司',
      类型: '有限责任公司',
      法定代表人: '王五',
      成立日期: '2020-05-06',
      营业期限: '长期',
    };
    const row = {
      type: 'BUSINESS_LICENSE',
      number: uscc,
      holderKind: 'LEGAL_PERSON',
      holder: uscc,
      holderName: content.名称,
      issuer: 'market-regulation-430408',
      issueDate: '2020-05-06',
      validFrom: '2020-05-06',
      validTo: null,
      status: 'VALID',
      statusReason: null,
      content,
    };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'hy-elic-')), 'licence.ndjson');
    writeFileSync(file, JSON.stringify(row) + '\n');
    const root = path.resolve(__dirname, '..', '..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'dist/scripts/ingest.js'), 'e-license', file, '--agency', 'market-regulation', '--operator', 'mr-0001'],
      { env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL } },
    );
    expect(stdout).toMatch(/1 License rows: 1 (new|updated)/);
    const r = await gql(VERIFY, { n: uscc, c: content }, await asClerk());
    expect(r.errors).toBeUndefined();
    expect(r.data.verifyLicense).toMatchObject({ authentic: true, valid: true, status: 'VALID', reasons: [] });
    // Content other than what was loaded (and signed) is not authentic.
    const other = await gql(VERIFY, { n: uscc, c: { ...content, 名称: '别的公司' } }, await asClerk());
    expect(other.data.verifyLicense).toMatchObject({ authentic: false });
  });
});
