/** Helpers of the batch export tests: request, wait for the job, download, parse. */
import { asAgency, gql, routerUrl, type GraphQLResponse } from '../support/client';
import { withDb } from '../support/db';
import { pgSql } from '../../platform/db/sql';
import { issueGrant, revokeGrant, type BatchBounds, type SharingMethod } from '../../platform/governance';

export const EXPORT_FIELDS = `id agencyCode operator grantId resource items filter purpose format status maxRows rowsWritten bytesWritten valuesRefused
  truncated errorCode error requestedAt startedAt completedAt expiresAt downloadPath`;

export async function requestExport(agency: string, input: Record<string, unknown>, roles?: string[]): Promise<GraphQLResponse> {
  return gql(
    `mutation Export($input: BatchExportInput!) { requestBatchExport(input: $input) { ${EXPORT_FIELDS} } }`,
    { input },
    await asAgency(agency, undefined, { roles }),
  );
}

export async function exportOf(agency: string, id: string): Promise<any> {
  const r = await gql(`query One($id: ID!) { batchExport(id: $id) { ${EXPORT_FIELDS} } }`, { id }, await asAgency(agency));
  expect(r.errors).toBeUndefined();
  return r.data.batchExport;
}

/** Polls the job until it is COMPLETED or FAILED (generous ceiling: the machine is shared). */
export async function finished(agency: string, id: string, ceilingMs = 120_000): Promise<any> {
  const until = Date.now() + ceilingMs;
  for (;;) {
    const e = await exportOf(agency, id);
    if (e.status === 'COMPLETED' || e.status === 'FAILED') return e;
    if (Date.now() > until) throw new Error(`export ${id} still ${e.status} after ${ceilingMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function download(
  path: string,
  headers: Record<string, string>,
  init: RequestInit = {},
): Promise<{ status: number; body: string; code?: string; headers: Headers }> {
  const res = await fetch(new URL(path, routerUrl()), { ...init, headers });
  const body = await res.text();
  let code: string | undefined;
  if ((res.headers.get('content-type') ?? '').startsWith('application/json'))
    code = (JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  return { status: res.status, body, code, headers: res.headers };
}

/** RFC 4180 rows of a CSV text (the BOM dropped). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** Issues a grant straight into the governance database (the workflow is tested on its own); returns its id. */
export async function grant(
  agency: string,
  items: string[],
  purpose: string,
  methods: SharingMethod[],
  batch: BatchBounds | null,
  masks: Record<string, string> = {},
): Promise<string> {
  const id = await withDb('catalog', (c) => issueGrant(pgSql(c), { agency, items, purposes: [purpose], masks, validTo: null, methods, batch }));
  await waitForGrants();
  return id;
}

export async function revoke(id: string): Promise<void> {
  await withDb('catalog', (c) => revokeGrant(pgSql(c), id, 'test over', 'batch-export tests'));
  await waitForGrants();
}

/** Grants reach every subgraph on NOTIFY within a second. */
export const waitForGrants = () => new Promise((r) => setTimeout(r, 1200));
