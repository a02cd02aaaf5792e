/**
 * OpenTelemetry traces (issue 12): the shared test platform exports to an OTLP endpoint
 * (test/support/env.ts); this file listens there with an in-process receiver, runs one query that
 * joins 法人基础库 to 人口基础库, and finds ONE trace holding the router's request, a fetch per
 * subgraph, each subgraph's own request span, a DataLoader batch and the SQL statements of both.
 */
import { asAgency, gql } from '../support/client';
import { otlpPort } from '../support/env';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { syntheticLegalPerson } from '../../seed/synthetic/enterprises';

const REQUEST_ID = 'hengyang.request_id';
const QUERY = `query TracingLegalPerson($u: String!) { legalPersonByUscc(uscc: $u) { name legalRepresentative { name } } }`;
let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver(otlpPort());
});
afterAll(async () => {
  await receiver?.close();
});

/** Polls (generous ceiling: exporters batch every 0.5 s, the machine is shared) until `done` holds. */
async function spansUntil(traceId: () => string | undefined, done: (spans: ReceivedSpan[]) => boolean, ceilingMs = 30_000): Promise<ReceivedSpan[]> {
  const until = Date.now() + ceilingMs;
  for (;;) {
    const id = traceId();
    const spans = id ? receiver.spans.filter((s) => s.traceId === id) : [];
    if ((id && done(spans)) || Date.now() > until) return spans;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('one trace spans the router, two subgraphs, a resolver batch and their SQL, tagged with the audit request id', async () => {
  const lp = syntheticLegalPerson(0, Number(process.env.TEST_SEED_SCALE));
  const r = await gql(QUERY, { u: lp.uscc }, await asAgency('public-security'));
  expect(r.errors).toBeUndefined();
  expect(r.data.legalPersonByUscc.legalRepresentative.name).toEqual(expect.any(String));
  const requestId = r.headers.get('x-request-id')!;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  const rootOf = () => receiver.spans.find((s) => s.service === 'router' && s.attributes[REQUEST_ID] === requestId)?.traceId;
  const sqlOf = (spans: ReceivedSpan[], service: string) => spans.filter((s) => s.service === service && s.attributes['db.system'] === 'postgresql');
  const complete = (spans: ReceivedSpan[]) =>
    ['legal-person', 'population'].every((sg) => spans.some((s) => s.service === sg && s.name === `subgraph ${sg}`) && sqlOf(spans, sg).length > 0);
  const spans = await spansUntil(rootOf, complete);
  expect(receiver.rejected).toEqual([]);

  // The router's request span is the root of the trace, and carries the audit request id.
  const root = spans.find((s) => s.service === 'router' && s.name === 'router graphql');
  expect(root).toBeDefined();
  expect(root!.parentSpanId).toBe('');
  expect(root!.attributes[REQUEST_ID]).toBe(requestId);

  for (const subgraph of ['legal-person', 'population']) {
    // The router's fetch of the subgraph is the root's child; the subgraph's request span is the
    // fetch's child (its traceparent crossed the process boundary, signed).
    const fetches = spans.filter((s) => s.service === 'router' && s.attributes['hengyang.subgraph'] === subgraph);
    expect([subgraph, fetches.length > 0 && fetches.every((f) => f.parentSpanId === root!.spanId)]).toEqual([subgraph, true]);
    const served = spans.filter((s) => s.service === subgraph && s.name === `subgraph ${subgraph}`);
    expect([subgraph, served.length > 0 && served.every((s) => fetches.some((f) => f.spanId === s.parentSpanId))]).toEqual([subgraph, true]);
    expect([subgraph, served.every((s) => s.attributes[REQUEST_ID] === requestId)]).toEqual([subgraph, true]);
    // Every SQL statement of the subgraph hangs under one of its request spans (directly or via a batch).
    const ids = new Map(spans.map((s) => [s.spanId, s]));
    const underRequest = (s: ReceivedSpan): boolean => {
      for (let p = ids.get(s.parentSpanId); p; p = ids.get(p.parentSpanId)) if (served.includes(p)) return true;
      return false;
    };
    const sql = sqlOf(spans, subgraph);
    expect([subgraph, sql.length > 0 && sql.every(underRequest)]).toEqual([subgraph, true]);
    // The statement text has placeholders, never the bound values (the USCC, ID numbers).
    expect(sql.some((s) => String(s.attributes['db.query.text']).includes(lp.uscc))).toBe(false);
  }
  // The legal representative is resolved in population through a DataLoader batch, whose SQL is its child.
  const batches = spans.filter((s) => s.service === 'population' && s.attributes['hengyang.loader'] !== undefined);
  expect(batches.length).toBeGreaterThan(0);
  expect(sqlOf(spans, 'population').some((s) => batches.some((b) => b.spanId === s.parentSpanId))).toBe(true);
});

test('a client cannot choose the trace: its traceparent is replaced by the router’s own', async () => {
  const clientTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const lp = syntheticLegalPerson(1, Number(process.env.TEST_SEED_SCALE));
  const r = await gql(QUERY, { u: lp.uscc }, { ...(await asAgency('public-security')), traceparent: `00-${clientTrace}-00f067aa0ba902b7-01` });
  expect(r.errors).toBeUndefined();
  const requestId = r.headers.get('x-request-id')!;
  const rootOf = () => receiver.spans.find((s) => s.service === 'router' && s.attributes[REQUEST_ID] === requestId)?.traceId;
  const spans = await spansUntil(rootOf, (s) => s.some((x) => x.service === 'population'));
  expect(rootOf()).toMatch(/^[0-9a-f]{32}$/);
  expect(rootOf()).not.toBe(clientTrace);
  expect(spans.some((s) => s.service === 'population')).toBe(true);
  expect(receiver.spans.some((s) => s.traceId === clientTrace)).toBe(false);
});
