/**
 * /metrics is not a probe (issue 12): it says which agencies ask how much and why they are refused.
 * Only loopback or a scraper with METRICS_TOKEN reads it; what it says is bounded: no agency a
 * caller merely claimed, no operation name carrying an ID number, no personal data or item value.
 */
import { SignJWT, generateKeyPair } from 'jose';
import { asAgency, gql, routerUrl, subgraphUrl } from '../support/client';
import { scrape } from '../support/metrics';
import { mayReadMetrics } from '../../platform/observability/metrics-endpoint';
import { audience, issuer } from '../../platform/identity/keys';
import { syntheticPerson } from '../../seed/synthetic/people';

const subgraphs = () => Object.keys(JSON.parse(process.env.TEST_SUBGRAPH_URLS!) as Record<string, string>);
const everyProcess = () => [routerUrl(), ...subgraphs().map(subgraphUrl)];

test('off the machine, /metrics needs the metrics token; without one configured it is loopback only', () => {
  expect(mayReadMetrics('127.0.0.1', undefined, undefined)).toBe(true);
  expect(mayReadMetrics('::1', undefined, undefined)).toBe(true);
  expect(mayReadMetrics('::ffff:127.0.0.1', undefined, undefined)).toBe(true);
  expect(mayReadMetrics('10.1.2.3', undefined, undefined)).toBe(false);
  expect(mayReadMetrics('10.1.2.3', 'Bearer anything', undefined)).toBe(false);
  expect(mayReadMetrics('10.1.2.3', undefined, 'the-metrics-token')).toBe(false);
  expect(mayReadMetrics('10.1.2.3', 'Bearer the-metrics-tokeN', 'the-metrics-token')).toBe(false);
  expect(mayReadMetrics('10.1.2.3', 'the-metrics-token', 'the-metrics-token')).toBe(false);
  expect(mayReadMetrics('10.1.2.3', 'Bearer the-metrics-token', 'the-metrics-token')).toBe(true);
  // Behind a reverse proxy on the same host every caller is loopback: METRICS_LOOPBACK=deny.
  expect(mayReadMetrics('127.0.0.1', undefined, 'the-metrics-token', false)).toBe(false);
  expect(mayReadMetrics('127.0.0.1', 'Bearer the-metrics-token', 'the-metrics-token', false)).toBe(true);
  // An address that merely starts like loopback's text is not loopback.
  expect(mayReadMetrics('::ffff:10.0.0.1', undefined, undefined)).toBe(false);
});

test('/metrics runs no GraphQL and takes no writes, on any process', async () => {
  for (const base of everyProcess()) {
    const get = await fetch(new URL('/metrics?query=%7B__typename%7D', base));
    expect([base, get.status, (await get.text()).includes('__typename')]).toEqual([base, 200, false]);
    const post = await fetch(new URL('/metrics', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect([base, post.status]).toEqual([base, 405]);
  }
});

test('a claimed agency (token not verified) and an operation named after an ID number never become labels', async () => {
  const { privateKey: key } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const forged = await new SignJWT({ agency: 'forged-agency-zz', roles: ['operator'] })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'forged' })
    .setIssuer(issuer())
    .setAudience(audience())
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
  const person = syntheticPerson(7);
  const idOperation = `Lookup${person.idNumber.slice(0, 17)}`;
  expect(
    (
      await gql(
        `query ${idOperation}($n: String!) { personByIdNumber(idNumber: $n) { gender } }`,
        { n: person.idNumber },
        { authorization: `Bearer ${forged}` },
      )
    ).status,
  ).toBe(401);
  const served = await gql(
    `query ${idOperation}($n: String!) { personByIdNumber(idNumber: $n) { gender name } }`,
    { n: person.idNumber },
    await asAgency('public-security'),
  );
  expect(served.data?.personByIdNumber?.name).toBe(person.name);
  for (const base of everyProcess()) {
    const { text, samples } = await scrape(base);
    for (const leak of ['forged-agency-zz', person.idNumber, person.name, idOperation]) {
      expect([base, leak, text.includes(leak)]).toEqual([base, leak, false]);
    }
    // Every operation label is the client's name only if it carries no digit run; the rest are "other".
    for (const s of samples) if (s.labels.operation) expect([s.labels.operation, /\d{6}/.test(s.labels.operation)]).toEqual([s.labels.operation, false]);
  }
  const { samples } = await scrape(routerUrl());
  expect(samples.some((s) => s.name === 'hy_requests_total' && s.labels.operation === 'other' && s.labels.agency === 'public-security')).toBe(true);
});
