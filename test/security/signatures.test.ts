/**
 * Class 6 of issue 8 — signatures as guessing machines.
 * License.signature and the issuers' public keys are open while the signed content is not: signed
 * directly, an agency holding a legal person's open facts could test candidate representative
 * names offline until one verified. Signatures now cover a salted commitment (a per-licence secret
 * salt, never served), so no guess can be tested; verifyLicense, which holds the salt, still checks
 * a presented licence, and is audited.
 */
import { randomUUID, createPublicKey, verify } from 'node:crypto';
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { legalPersonLicenses, personLicenses, SyntheticLicense } from '../../seed/synthetic/e-license';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';
import { syntheticPerson } from '../../seed/synthetic/people';
import { legalPersonCount } from '../../seed/synthetic/city';
import { legalPersonKey, personKey } from '../../platform/keys';
import { canonicalJson } from '../../subgraphs/e-license/signing';

const scale = () => Number(process.env.TEST_SEED_SCALE);

function firstLegalPersonLicense(pred: (l: SyntheticLicense) => boolean): SyntheticLicense {
  for (let k = 0; k < legalPersonCount(scale()); k++) for (const l of legalPersonLicenses(k, scale())) if (pred(l)) return l;
  throw new Error('no licence fits');
}

/** What an attacker can read of a licence: open signature, open issuer key, unconditional facts. */
async function openFacts(l: SyntheticLicense, headers: Record<string, string>) {
  const holderKey = l.holderKind === 'PERSON' ? personKey(l.holderNaturalId) : legalPersonKey(l.holderNaturalId);
  const r = await gql(
    `query($n: String!, $t: String, $h: ID) { license(number: $n, type: $t, holderId: $h) { signature issueDate validFrom validTo issuer { agency jwk { x } } type { code } holder { ... on Person { id } ... on LegalPerson { id } } } }`,
    { n: l.number, t: l.type, h: holderKey },
    headers,
  );
  expect(r.data.license.signature).toBeTruthy();
  return r.data.license;
}

/** Tries candidate contents against the open signature, as the attack did: payload = the licence's canonical JSON. */
function guessVerifies(facts: any, number: string, content: Record<string, unknown>): boolean {
  const payload = canonicalJson({
    number,
    type: facts.type.code,
    holderKey: facts.holder.id,
    issuer: facts.issuer.agency,
    issueDate: facts.issueDate,
    validFrom: facts.validFrom,
    validTo: facts.validTo,
    content,
  });
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: facts.issuer.jwk.x }, format: 'jwk' });
  return verify(null, Buffer.from(payload, 'utf8'), key, Buffer.from(facts.signature, 'base64'));
}

describe('the open signature is no oracle', () => {
  test('a business licence: candidate representative names (the true one among them) never verify offline', async () => {
    const l = firstLegalPersonLicense((x) => x.type === 'BUSINESS_LICENSE' && syntheticLegalPerson(x.holderIndex, scale()).kind === 'ENTERPRISE');
    const facts = await openFacts(l, await asAgency('natural-resources'));
    const truth = String(l.content.法定代表人);
    const candidates = [truth, ...[0, 1, 2, 3, 4].map((i) => syntheticPerson(i).name)];
    // The attacker even knows every other key of the content exactly: still nothing verifies.
    for (const name of candidates) expect(guessVerifies(facts, l.number, { ...l.content, 法定代表人: name })).toBe(false);
  });

  test('variant: an ID card whose every field the attacker knows does not verify either (the salt is missing)', async () => {
    const l = personLicenses(0).find((x) => x.type === 'ID_CARD') ?? personLicenses(1).find((x) => x.type === 'ID_CARD')!;
    const facts = await openFacts(l, await asAgency('taxation'));
    expect(guessVerifies(facts, l.number, l.content)).toBe(false);
    // The salt is stored server-side and never served: no field of the schema carries it.
    const { salt } = (await withDb('e-license', (c) => c.query('SELECT salt FROM license WHERE signature = $1', [facts.signature]))).rows[0];
    const schema = await gql(`{ __type(name: "IdCard") { fields { name } } }`, {}, await asAgency('taxation'));
    expect(JSON.stringify(schema.data ?? {})).not.toMatch(/salt/i);
    expect(salt).toBeTruthy();
  });
});

describe('verifyLicense still checks a presented licence, and is audited', () => {
  const VERIFY = `query($n: String!, $c: JSON!, $t: String) { verifyLicense(number: $n, content: $c, type: $t) { authentic valid reasons } }`;

  test('a genuine presented licence verifies; a candidate name does not', async () => {
    const l = firstLegalPersonLicense(
      (x) => x.type === 'BUSINESS_LICENSE' && syntheticLegalPerson(x.holderIndex, scale()).kind === 'ENTERPRISE' && x.status === 'VALID',
    );
    const operator = `clerk-${randomUUID()}`;
    const headers = await asAgency('health', undefined, { operator });
    const genuine = await gql(VERIFY, { n: l.number, c: l.content }, headers);
    expect(genuine.errors).toBeUndefined();
    expect(genuine.data.verifyLicense.authentic).toBe(true);
    const guess = await gql(VERIFY, { n: l.number, c: { ...l.content, 法定代表人: '王敏淑' } }, headers);
    expect(guess.data.verifyLicense).toMatchObject({ authentic: false, reasons: ['CONTENT_MISMATCH'] });

    // Both checks are in the audit trail, under the checking agency and operator.
    let rows: any[] = [];
    for (let i = 0; i < 40 && rows.length < 2; i++) {
      rows = (
        await withDb('catalog', (c) =>
          c.query(`SELECT items_served FROM audit_event WHERE operator = $1 AND 'Query.verifyLicense' = ANY(items_served)`, [operator]),
        )
      ).rows;
      if (rows.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});
