/**
 * Prometheus metrics on the router and every subgraph (issue 12): scraped and parsed after a few
 * requests, the counters and histograms moved by exactly what those requests did.
 */
import { asAgency, gql, routerUrl, subgraphUrl, unsignedGql } from '../support/client';
import { scrape, sum } from '../support/metrics';
import { syntheticPerson } from '../../seed/synthetic/people';

const subgraphs = () => Object.keys(JSON.parse(process.env.TEST_SUBGRAPH_URLS!) as Record<string, string>);
const person = syntheticPerson(5);
const GENDER = `query MetricsGender($n: String!) { personByIdNumber(idNumber: $n) { gender } }`;
const NAME = `query MetricsName($n: String!) { personByIdNumber(idNumber: $n) { name } }`;

test('every process serves parseable metrics with process defaults, pool use and (subgraphs) the grant store age', async () => {
  for (const base of [routerUrl(), ...subgraphs().map(subgraphUrl)]) {
    const { samples } = await scrape(base);
    expect([base, sum(samples, 'process_cpu_user_seconds_total') > 0]).toEqual([base, true]);
    expect([base, samples.some((s) => s.name === 'hy_db_pool_connections' && s.labels.state === 'used')]).toEqual([base, true]);
  }
  for (const name of subgraphs()) {
    const { samples } = await scrape(subgraphUrl(name));
    const age = samples.find((s) => s.name === 'hy_grant_store_age_seconds');
    expect([name, age !== undefined && age.value >= 0 && age.value < 24 * 3600]).toEqual([name, true]);
    expect([name, samples.some((s) => s.name === 'sql_statements_total' && s.labels.subgraph === name)]).toEqual([name, true]);
  }
});

test('a served request moves the router and subgraph request counters, latency histograms, SQL and audit batches', async () => {
  const [r0, p0] = await Promise.all([scrape(routerUrl()), scrape(subgraphUrl('population'))]);
  const headers = await asAgency('public-security');
  for (let i = 0; i < 3; i++) expect((await gql(GENDER, { n: person.idNumber }, headers)).errors).toBeUndefined();
  const [r1, p1] = await Promise.all([scrape(routerUrl()), scrape(subgraphUrl('population'))]);

  const routerOk = { process: 'router', operation: 'MetricsGender', agency: 'public-security', outcome: 'ok' };
  expect(sum(r1.samples, 'hy_requests_total', routerOk) - sum(r0.samples, 'hy_requests_total', routerOk)).toBe(3);
  const latency = { process: 'router', operation: 'MetricsGender', outcome: 'ok' };
  expect(sum(r1.samples, 'hy_request_duration_seconds_count', latency) - sum(r0.samples, 'hy_request_duration_seconds_count', latency)).toBe(3);
  expect(sum(r1.samples, 'hy_request_duration_seconds_sum', latency)).toBeGreaterThan(sum(r0.samples, 'hy_request_duration_seconds_sum', latency));

  const subgraphOk = { process: 'population', operation: 'MetricsGender', agency: 'public-security', outcome: 'ok' };
  expect(sum(p1.samples, 'hy_requests_total', subgraphOk) - sum(p0.samples, 'hy_requests_total', subgraphOk)).toBe(3);
  expect(sum(p1.samples, 'sql_statements_total')).toBeGreaterThan(sum(p0.samples, 'sql_statements_total'));
  // Every read is audited: at least one more batch, carrying at least the three requests' events.
  expect(sum(p1.samples, 'hy_audit_batch_events_count') - sum(p0.samples, 'hy_audit_batch_events_count')).toBeGreaterThanOrEqual(1);
  expect(sum(p1.samples, 'hy_audit_batch_events_sum') - sum(p0.samples, 'hy_audit_batch_events_sum')).toBeGreaterThanOrEqual(3);
  expect(sum(p1.samples, 'hy_audit_batch_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(
    sum(p0.samples, 'hy_audit_batch_duration_seconds_count', { outcome: 'ok' }),
  );
});

test('refusals are counted by reason: router 401, subgraph FORBIDDEN, an unsigned call to a subgraph', async () => {
  const [r0, p0] = await Promise.all([scrape(routerUrl()), scrape(subgraphUrl('population'))]);
  const bad = await gql(GENDER, { n: person.idNumber }, { authorization: 'Bearer not-a-token' });
  expect(bad.status).toBe(401);
  const forbidden = await gql(NAME, { n: person.idNumber }, await asAgency('development-reform'));
  expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await unsignedGql('{ __typename }', {}, {}, subgraphUrl('population'))).status).toBe(401);
  const [r1, p1] = await Promise.all([scrape(routerUrl()), scrape(subgraphUrl('population'))]);

  const delta = (a: typeof r0, b: typeof r0, labels: Record<string, string>) =>
    sum(b.samples, 'hy_refusals_total', labels) - sum(a.samples, 'hy_refusals_total', labels);
  expect(delta(r0, r1, { process: 'router', code: 'UNAUTHENTICATED' })).toBe(1);
  expect(delta(p0, p1, { process: 'population', code: 'FORBIDDEN' })).toBe(1);
  expect(delta(p0, p1, { process: 'population', code: 'UNSIGNED_REQUEST' })).toBe(1);
  const refused = { process: 'router', operation: 'MetricsGender', agency: 'none', outcome: 'refused' };
  expect(sum(r1.samples, 'hy_requests_total', refused) - sum(r0.samples, 'hy_requests_total', refused)).toBe(1);
  const partial = { process: 'router', operation: 'MetricsName', agency: 'development-reform', outcome: 'partial' };
  expect(sum(r1.samples, 'hy_requests_total', partial) - sum(r0.samples, 'hy_requests_total', partial)).toBe(1);
});
