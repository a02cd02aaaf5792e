/** Refusals at the router (issue 8, class 8): one event per named caller, anonymous ones aggregated per address, reason and window. */
import { GraphQLError } from 'graphql';
import { RefusalAuditor, refusalReason } from '../../router/refusal-audit';
import { issueDevToken } from '../../platform/identity/tokens';
import type { AuditEvent } from '../../platform/audit/collector';

function fakeWriter() {
  const written: AuditEvent[] = [];
  return {
    written,
    writer: {
      write: async (events: AuditEvent[]) => {
        written.push(...events);
      },
      close: async () => undefined,
    } as any,
  };
}
const refusal = (status: number, code: string) => new GraphQLError('no', { extensions: { code, http: { status } } });
const anonymous = (address: string, code = 'UNAUTHENTICATED') => ({ requestId: 'x', correlationId: null, headers: {}, address, error: refusal(401, code) });

test('the reason is the error code, else the HTTP status', () => {
  expect(refusalReason(refusal(413, 'PAYLOAD_TOO_LARGE'))).toBe('PAYLOAD_TOO_LARGE');
  expect(refusalReason(new GraphQLError('x', { extensions: { http: { status: 415 } } }))).toBe('HTTP_415');
});

test('a verified token: one event at once, with the agency verified', async () => {
  const { written, writer } = fakeWriter();
  const auditor = new RefusalAuditor(writer, 60_000);
  const token = await issueDevToken({ agency: 'taxation', operator: 'op-1', ttl: '5m' });
  await auditor.refused({
    requestId: 'r1',
    correlationId: 'c1',
    headers: { authorization: `Bearer ${token}`, 'x-purpose': '%ZZ' },
    address: '10.0.0.1',
    error: refusal(400, 'BAD_USER_INPUT'),
    operationName: 'Q',
  });
  expect(written).toHaveLength(1);
  expect(written[0]).toMatchObject({
    requestId: 'r1',
    correlationId: 'c1',
    subgraph: 'router',
    agency: 'taxation',
    agencyVerified: true,
    operator: 'op-1',
    purpose: null,
    operation: 'Q',
    decision: 'REFUSED',
    refusalReason: 'BAD_USER_INPUT',
  });
  await auditor.close();
});

test('anonymous refusals: one event per address and reason when the window closes, with the count; bounded windows', async () => {
  const { written, writer } = fakeWriter();
  const auditor = new RefusalAuditor(writer, 60_000, 2);
  for (let i = 0; i < 1000; i++) await auditor.refused(anonymous('10.0.0.1'));
  await auditor.refused(anonymous('10.0.0.1', 'CSRF_REJECTED'));
  for (let i = 0; i < 50; i++) await auditor.refused(anonymous(`10.0.1.${i}`)); // past the bound: counted under '*'
  expect(written).toHaveLength(0); // nothing until the window closes
  await auditor.close();
  const rows = written.map((e) => [e.sourceAddress, e.refusalReason, e.refusalCount]).sort();
  expect(rows).toEqual(
    [
      ['*', 'UNAUTHENTICATED', 50],
      ['10.0.0.1', 'CSRF_REJECTED', 1],
      ['10.0.0.1', 'UNAUTHENTICATED', 1000],
    ].sort(),
  );
  expect(written.every((e) => e.agency === null && e.subgraph === 'router')).toBe(true);
});

test('a token that does not verify: the claimed agency, unverified; junk claims are anonymous', async () => {
  const { written, writer } = fakeWriter();
  const auditor = new RefusalAuditor(writer, 60_000);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const forged = (claims: object) => `Bearer ${b64({ alg: 'EdDSA' })}.${b64(claims)}.c2ln`;
  await auditor.refused({ ...anonymous('10.0.0.2'), headers: { authorization: forged({ agency: 'finance-bank' }) } });
  await auditor.refused({ ...anonymous('10.0.0.3'), headers: { authorization: forged({ agency: 'x'.repeat(500) }) } });
  expect(written).toHaveLength(1);
  expect(written[0]).toMatchObject({ agency: 'finance-bank', agencyVerified: false });
  await auditor.close();
  expect(written[1]).toMatchObject({ agency: null, sourceAddress: '10.0.0.3', refusalCount: 1 });
});
