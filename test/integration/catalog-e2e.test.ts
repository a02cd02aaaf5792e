/**
 * End to end through the router: an agency applies for a conditional item, the bureau and the
 * provider approve, the provider provisions, the item is served with the grant's masking (and only
 * for the granted purpose), the grant is revoked, and the item is refused again within one second —
 * with no restart, in the population subgraph, from a grant made in the catalog.
 */
import { randomUUID } from 'node:crypto';
import { asAgency, gql } from '../support/client';
import { withDb } from '../support/db';
import { BUREAU, ok, provision, refused, review, revoke, submit } from './catalog-support';
import { syntheticPerson } from '../../seed/synthetic/people';
import { applyMask } from '../../platform/masking';

const PURPOSE = '普惠金融：小微经营者联系核验';
const person = syntheticPerson(11);
const QUERY = `query PhoneCheck($n: String!) { personByIdNumber(idNumber: $n) { gender phone } }`;

async function read(purpose = PURPOSE, requestId = randomUUID()) {
  return gql(QUERY, { n: person.idNumber }, { ...(await asAgency('finance-bank', purpose)), 'x-request-id': requestId });
}

async function until(what: string, check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`${what} did not happen within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

describe('apply → both approve → provision → served masked → revoke → refused', () => {
  test('the whole flow, through the router', async () => {
    expect(person.phone).toBeTruthy();
    const before = await read();
    expect(before.data.personByIdNumber).toEqual({ gender: person.gender, phone: null });
    expect(before.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', item: 'Person.phone', sharingType: 'CONDITIONAL' });

    // Apply (finance-bank), with a masking of its own: all but the last four digits hidden.
    const app = ok(
      await submit(
        'finance-bank',
        {
          items: ['Person.phone'],
          purpose: PURPOSE,
          justification: '普惠金融授信前核验经营者联系方式',
          requestedMasks: [{ item: 'Person.phone', mask: 'RANGE(1,7)' }],
        },
        'loan-officer-3',
      ),
    ).submitSharingApplication;
    expect(app).toMatchObject({ status: 'UNDER_REVIEW', pendingReviewers: [BUREAU, 'public-security'], grant: null });

    // Both approve; the provider provisions.
    expect(ok(await review(BUREAU, app.id, true, '符合普惠金融场景')).reviewSharingApplication.status).toBe('UNDER_REVIEW');
    expect(ok(await review('public-security', app.id, true)).reviewSharingApplication.status).toBe('APPROVED');
    const done = ok(await provision('public-security', app.id)).provisionSharingApplication;
    expect(done.status).toBe('PROVISIONED');
    const status = ok(
      await gql(`query($id: ID!) { sharingApplication(id: $id) { status grant { id } } }`, { id: app.id }, await asAgency('finance-bank')),
    ).sharingApplication;
    expect(status).toEqual({ status: 'PROVISIONED', grant: { id: done.grant.id } });

    // Served, with the grant's masking, within a second of provisioning.
    const masked = applyMask(person.phone, 'RANGE(1,7)', { hashKey: process.env.PLATFORM_HMAC_KEY! });
    expect(masked).toBe(`*******${person.phone.slice(7)}`);
    let served: any;
    await until(
      'the grant taking effect',
      async () => {
        served = await read();
        return served.data?.personByIdNumber?.phone != null;
      },
      1000,
    );
    expect(served.errors).toBeUndefined();
    expect(served.data.personByIdNumber).toEqual({ gender: person.gender, phone: masked });

    // Only for the purpose granted (Art. 19).
    const otherPurpose = await read('营销推广');
    expect(otherPurpose.data.personByIdNumber.phone).toBeNull();
    expect(otherPurpose.errors?.[0].extensions?.reason).toMatch(/other purposes/);

    // The audit trail shows the masked read, with the purpose and the subject's pseudonymous key.
    const requestId = randomUUID();
    await read(PURPOSE, requestId);
    const [event] = await withDb(
      'catalog',
      async (c) => (await c.query(`SELECT * FROM audit_event WHERE correlation_id = $1 AND resource = 'Person'`, [requestId])).rows,
    );
    expect(event).toMatchObject({
      subgraph: 'population',
      agency: 'finance-bank',
      purpose: PURPOSE,
      items_masked: ['Person.phone'],
      items_served: ['Person.gender'],
      decision: 'MASKED',
    });

    // Revoke (the provider): refused again within one second, in the population subgraph.
    const revoked = ok(await revoke('public-security', done.grant.id, '核验完成，收回授权')).revokeGrant;
    expect(revoked.status).toBe('REVOKED');
    const revokedAt = Date.now();
    await until('the revocation taking effect', async () => (await read()).data?.personByIdNumber?.phone == null, 1000);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    const after = await read();
    expect(after.data.personByIdNumber).toEqual({ gender: person.gender, phone: null });
    refused(after, 'FORBIDDEN');
    expect(
      ok(await gql(`query($id: ID!) { sharingApplication(id: $id) { status grant { status } } }`, { id: app.id }, await asAgency('finance-bank')))
        .sharingApplication,
    ).toEqual({ status: 'REVOKED', grant: { status: 'REVOKED' } });
  });
});
