/** Canonical serialisation, salted commitments and Ed25519 signatures of 电子证照库 (subgraphs/e-license/signing.ts). */
import { createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import {
  canonicalJson,
  derivedIssuerSeed,
  issuerPrivateKey,
  issuerPublicKey,
  privateKeyFromSeed,
  publicJwk,
  rawPublicKeyBase64,
  licenseCommitment,
  licensePayload,
  newSalt,
  SignedLicenseFields,
  signingPayload,
  signLicense,
  verifyLicenseSignature,
} from '../../subgraphs/e-license/signing';

const fields: SignedLicenseFields = {
  number: '91430408MA4L0000X1',
  type: 'BUSINESS_LICENSE',
  holderKey: 'AAAAAAAAAAAAAAAAAAAAAA',
  issuer: 'market-regulation-430408',
  issueDate: '2019-05-06',
  validFrom: '2019-05-06',
  validTo: null,
  content: {
    名称: '衡阳市鑫盛建材有限公司',
    类型: '有限责任公司（自然人投资或控股）',
    法定代表人: '刘建华',
    注册资本: '500万元人民币',
    成立日期: '2019-05-06',
  },
  salt: Buffer.alloc(32, 7).toString('base64url'),
};

/** Runs `fn` with environment variables set, then restores them. */
function withEnv<T>(env: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

describe('canonical JSON (RFC 8785 for licence values)', () => {
  test('sorts keys at every depth, keeps array order, writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[3,1,"x"]},"b":1}');
    expect(canonicalJson([{ z: true, y: false }])).toBe('[{"y":false,"z":true}]');
  });

  test('is independent of insertion order and of formatting', () => {
    const a = { 名称: '甲', 类型: '乙', nested: { q: '1', p: '2' } };
    const b = JSON.parse(JSON.stringify({ nested: { p: '2', q: '1' }, 类型: '乙', 名称: '甲' }, null, 4));
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  test('orders keys by UTF-16 code units and leaves Chinese text unescaped', () => {
    // 'Z' (U+005A) < 'a' (U+0061) < '名' (U+540D) < '法' (U+6CD5)
    expect(canonicalJson({ 法: 1, 名: 2, a: 3, Z: 4 })).toBe('{"Z":4,"a":3,"名":2,"法":1}');
    expect(canonicalJson({ s: '衡阳\n"引号"\\' })).toBe('{"s":"衡阳\\n\\"引号\\"\\\\"}');
  });

  test('writes numbers as ECMAScript does and refuses values JSON cannot carry', () => {
    expect(canonicalJson({ n: 1.5, m: 100, e: 1e21, z: -0 })).toBe('{"e":1e+21,"m":100,"n":1.5,"z":0}');
    expect(() => canonicalJson({ n: NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ u: undefined })).toThrow(TypeError);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(TypeError);
  });

  test('the licence payload covers exactly the eight fields, in canonical order', () => {
    const payload = licensePayload({ ...fields, extra: 'ignored' } as SignedLicenseFields);
    expect(Object.keys(JSON.parse(payload))).toEqual(['content', 'holderKey', 'issueDate', 'issuer', 'number', 'type', 'validFrom', 'validTo']);
    expect(payload).toContain('"validTo":null');
    // Keys inside content are sorted too: 名 U+540D < 成 U+6210 < 法 U+6CD5 < 注 U+6CE8 < 类 U+7C7B.
    expect(
      payload.startsWith('{"content":{"名称":"衡阳市鑫盛建材有限公司","成立日期":"2019-05-06","法定代表人":"刘建华","注册资本":"500万元人民币","类型":'),
    ).toBe(true);
    const { salt: _salt, ...rest } = fields;
    expect(payload).toBe(canonicalJson(rest));
  });

  test('the signed bytes are a salted commitment: they hold no content, and the salt changes them', () => {
    const signed = signingPayload(fields);
    expect(Object.keys(JSON.parse(signed))).toEqual(['commitment', 'issuer', 'v']);
    expect(signed).not.toContain('刘建华');
    expect(signed).not.toContain(fields.number);
    expect(JSON.parse(signed).commitment).toBe(licenseCommitment(fields));
    expect(signingPayload({ ...fields, salt: newSalt() })).not.toBe(signed);
    expect(newSalt()).not.toBe(newSalt());
    expect(Buffer.from(newSalt(), 'base64url')).toHaveLength(32);
  });
});

describe('Ed25519 keys from a seed', () => {
  test('a 32-byte seed wrapped in PKCS#8 gives the RFC 8032 key pair and signature (test 1)', () => {
    const key = privateKeyFromSeed(Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex'));
    expect(Buffer.from(rawPublicKeyBase64(createPublicKey(key)), 'base64').toString('hex')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    expect(nodeSign(null, Buffer.alloc(0), key).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(() => privateKeyFromSeed(Buffer.alloc(31))).toThrow(RangeError);
  });

  test('derived issuer keys are deterministic per agency and secret, and differ between agencies', () => {
    withEnv({ LICENSE_ISSUER_KEYS: undefined, LICENSE_SIGNING_SECRET: 'unit-test-secret' }, () => {
      const a = rawPublicKeyBase64(issuerPublicKey('market-regulation-430408')!);
      expect(rawPublicKeyBase64(createPublicKey(privateKeyFromSeed(derivedIssuerSeed('market-regulation-430408', 'unit-test-secret'))))).toBe(a);
      expect(rawPublicKeyBase64(issuerPublicKey('market-regulation-430408')!)).toBe(a);
      expect(rawPublicKeyBase64(issuerPublicKey('market-regulation-430421')!)).not.toBe(a);
      const other = withEnv({ LICENSE_SIGNING_SECRET: 'another-secret' }, () => rawPublicKeyBase64(issuerPublicKey('market-regulation-430408')!));
      expect(other).not.toBe(a);
    });
  });

  test('configured keys (LICENSE_ISSUER_KEYS, a JWK set) replace the derivation; unlisted agencies cannot sign', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'health-430408' };
    withEnv({ LICENSE_ISSUER_KEYS: JSON.stringify({ keys: [jwk] }) }, () => {
      const pub = issuerPublicKey('health-430408')!;
      expect(publicJwk(pub, 'health-430408')).toEqual({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: 'health-430408', alg: 'EdDSA', use: 'sig' });
      expect(issuerPrivateKey('market-regulation-430408')).toBeUndefined();
      const f = { ...fields, issuer: 'health-430408' };
      expect(verifyLicenseSignature(f, signLicense(f))).toBe(true);
      expect(() => signLicense(fields)).toThrow(/no signing key/);
    });
    withEnv({ LICENSE_ISSUER_KEYS: '{not json' }, () => expect(() => issuerPublicKey('x')).toThrow(/JWK set/));
    withEnv({ LICENSE_ISSUER_KEYS: JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x }] }) }, () =>
      expect(() => issuerPublicKey('x')).toThrow(/private JWK with kid/),
    );
  });
});

describe('signing and verifying a licence', () => {
  const signature = signLicense(fields);

  test('a signature verifies with the issuer key, also through plain node:crypto', () => {
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(verifyLicenseSignature(fields, signature)).toBe(true);
    expect(nodeVerify(null, Buffer.from(signingPayload(fields), 'utf8'), issuerPublicKey(fields.issuer)!, Buffer.from(signature, 'base64'))).toBe(true);
    // Ed25519 is deterministic: signing again gives the same bytes.
    expect(signLicense(fields)).toBe(signature);
  });

  test('the key order of the content does not matter', () => {
    const reordered = { ...fields, content: Object.fromEntries(Object.entries(fields.content).reverse()) };
    expect(verifyLicenseSignature(reordered, signature)).toBe(true);
  });

  test.each([
    ['number', { number: '91430408MA4L0000Y0' }],
    ['type', { type: 'FOOD_BUSINESS_PERMIT' }],
    ['holder', { holderKey: 'BBBBBBBBBBBBBBBBBBBBBB' }],
    ['issue date', { issueDate: '2019-05-07' }],
    ['valid from', { validFrom: '2019-05-07' }],
    ['valid to', { validTo: '2039-05-05' }],
    ['content', { content: { ...fields.content, 注册资本: '5000万元人民币' } }],
    ['content with an extra key', { content: { ...fields.content, 备注: '' } }],
    ['salt', { salt: Buffer.alloc(32, 8).toString('base64url') }],
  ])('changing the %s breaks the signature', (_label, change) => {
    expect(verifyLicenseSignature({ ...fields, ...change }, signature)).toBe(false);
  });

  test("another agency's key, a flipped bit and malformed signatures do not verify (and never throw)", () => {
    expect(verifyLicenseSignature(fields, signature, issuerPublicKey('market-regulation-430421'))).toBe(false);
    const flipped = Buffer.from(signature, 'base64');
    flipped[63] ^= 0x80;
    expect(verifyLicenseSignature(fields, flipped.toString('base64'))).toBe(false);
    for (const bad of ['', 'not base64!', signature.slice(0, 20), `${signature}AA==`]) expect(verifyLicenseSignature(fields, bad)).toBe(false);
    expect(verifyLicenseSignature({ ...fields, salt: '' }, signature)).toBe(false);
  });

  test('without the salt, the open signature cannot confirm a guessed name (class 6)', () => {
    // An attacker knows every field but the representative's name and tries candidates, signing
    // payloads as the old scheme did and as the new one would with any salt they can think of.
    const key = issuerPublicKey(fields.issuer)!;
    const bytes = Buffer.from(signature, 'base64');
    for (const name of ['刘建华', '刘建国', '王敏']) {
      const guess = { ...fields, content: { ...fields.content, 法定代表人: name } };
      expect(nodeVerify(null, Buffer.from(licensePayload(guess), 'utf8'), key, bytes)).toBe(false);
      expect(verifyLicenseSignature({ ...guess, salt: newSalt() }, signature)).toBe(false);
    }
  });
});
