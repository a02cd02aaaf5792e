/** Helpers of the catalogue register tests (issue 10, item 3): the bureau's register steps, polling. */
import { gql, type GraphQLResponse } from '../support/client';
import { APPROVER, BUREAU, as, ok } from './catalog-support';
import { withDb } from '../support/db';
import { pgSql } from '../../platform/db/sql';
import { lockRegisterItem, writeItemVersion } from '../../platform/governance';

export const VERSION = `item version sharingType openType level mask basis conditions authorAgency authorOperator reason objectionId changedAt`;

export async function reclassify(item: string, input: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse> {
  return gql(
    `mutation Reclassify($item: String!, $input: ReclassificationInput!) { reclassifyCatalogueItem(item: $item, input: $input) { ${VERSION} } }`,
    { item, input },
    headers ?? (await as(BUREAU, 'bureau-approver', APPROVER)),
  );
}

export async function history(item: string): Promise<any[]> {
  return ok(await gql(`query History($item: String!) { catalogueItemHistory(item: $item) { ${VERSION} } }`, { item }, await as(BUREAU))).catalogueItemHistory;
}

export async function catalogItem(name: string): Promise<any> {
  return ok(
    await gql(`query Item($name: String!) { catalogItem(name: $name) { name sharingType openType level mask basis sharingCondition registerVersion } }`, {
      name,
    }),
  ).catalogItem;
}

/** Polls `probe` until `done` holds (ceiling 10 s); returns the last value and the milliseconds it took. */
export async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean, ceilingMs = 10_000): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() - started > ceilingMs) return { value, ms: Date.now() - started };
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Puts a NONE item back to NONE (a stricter change, allowed directly) with its first version's basis,
 *  then its declared mask (looser than a review's mask, so written directly as test cleanup: the
 *  suites share one platform, and others read the catalogue as declared). */
export async function restoreNone(item: string): Promise<void> {
  const versions = await history(item);
  const first = versions[versions.length - 1];
  if (versions[0].sharingType !== 'NONE') {
    const input: Record<string, unknown> = { sharingType: 'NONE', basis: first.basis, reason: 'test: the item goes back to its declared class' };
    const r = await reclassify(item, input);
    if (r.errors?.length && r.errors[0].extensions?.code === 'REVIEW_REQUIRED') throw new Error(`cannot restore ${item}: ${r.errors[0].message}`);
    ok(r);
  }
  await withDb('catalog', async (c) => {
    const sql = pgSql(c);
    await sql('BEGIN');
    const current = await lockRegisterItem(sql, item);
    if (current && current.mask !== first.mask) {
      await writeItemVersion(sql, current, { ...current, mask: first.mask }, { agency: BUREAU, operator: 'test' }, 'test cleanup: declared mask');
    }
    await sql('COMMIT');
  });
}
