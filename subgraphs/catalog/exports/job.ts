/**
 * The batch export job (批量下载, Art. 18). It reads through the router, page after page of the
 * resource's list query, as the requesting agency: a short-lived token for that agency and operator,
 * marked as this export (platform/exports/token.ts), with the export's purpose. Every subgraph
 * therefore decides, masks, row-scopes and audits each row exactly as for an online read — one
 * policy, one audit trail, each exported subject in its access history — with only the agency's
 * BATCH grants counting. There is no other path to the data.
 *
 * The file is written as it is read: each page becomes lines, lines collect in a buffer of about a
 * megabyte, and each full buffer is one chunk row in the governance database (with the progress).
 * Memory is bounded by one page and one buffer, whatever the number of rows. The file stops at the
 * export's maxRows and at EXPORT_MAX_BYTES (then it is marked truncated).
 *
 * A value refused inside a row (outside a row-scoped grant) is left empty, as online, and counted;
 * any other refusal or error fails the job and deletes what it wrote (a partial file is never
 * served).
 */
import { appendExportChunk, completeExport, failExport, platformNow, type ExportRecord, type ExportProgress } from '../../../platform/governance';
import type { Sql } from '../../../platform/db/sql';
import { headerLine, rowLine } from '../../../platform/exports/format';
import { EXPORT_TOKEN_TTL_SECONDS, mintExportToken } from '../../../platform/exports/token';
import { PURPOSE_HEADER } from '../../../platform/identity/purpose';
import { setting } from '../../../platform/settings/read';
import { EXPORTABLE, exportQuery, type ExportResourceName } from './resources';

/** A chunk is flushed once its buffer holds this much. */
const CHUNK_BYTES = 1 << 20;

export class ExportFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Page {
  edges: { node: Record<string, unknown> }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

/** Posts the job's queries to the router as the agency, renewing the token before it expires. */
class RouterPager {
  private token?: { value: string; mintedAt: number };

  constructor(
    private readonly job: ExportRecord,
    private readonly url: string,
  ) {}

  private async bearer(): Promise<string> {
    if (!this.token || Date.now() - this.token.mintedAt > (EXPORT_TOKEN_TTL_SECONDS * 1000) / 2) {
      this.token = { value: await mintExportToken({ agency: this.job.agencyCode, operator: this.job.operator, exportId: this.job.id }), mintedAt: Date.now() };
    }
    return this.token.value;
  }

  async page(query: string, listField: string, variables: Record<string, unknown>): Promise<{ page: Page; refused: number }> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await this.bearer()}`,
        [PURPOSE_HEADER]: encodeURIComponent(this.job.purpose),
        'x-operation-name': 'BatchExport',
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: Record<string, Page | null>; errors?: GraphQLErrorShape[] };
    const errors = body.errors ?? [];
    // A refusal inside a row (path persons.edges.<n>.node.<field>) leaves that value empty, as online.
    const inRow = (e: GraphQLErrorShape) => e.extensions?.code === 'FORBIDDEN' && (e.path?.length ?? 0) > 3 && e.path?.[0] === listField;
    const fatal = errors.find((e) => !inRow(e));
    const page = body.data?.[listField];
    if (!res.ok || fatal || !page) {
      const code = fatal?.extensions?.code ?? (res.ok ? 'EXPORT_READ_FAILED' : `HTTP_${res.status}`);
      throw new ExportFailure(code, `the router refused the export's read: ${fatal?.message ?? `HTTP ${res.status}`}`);
    }
    return { page, refused: errors.length };
  }
}

/** Buffers lines and writes them as numbered chunks with the progress. */
class ChunkWriter {
  private parts: Buffer[] = [];
  private buffered = 0;
  private seq = 0;
  readonly progress: ExportProgress = { rows: 0, bytes: 0, valuesRefused: 0 };

  constructor(
    private readonly sql: Sql,
    private readonly id: string,
  ) {}

  add(line: string): number {
    const b = Buffer.from(line, 'utf8');
    this.parts.push(b);
    this.buffered += b.length;
    this.progress.bytes += b.length;
    return b.length;
  }

  async maybeFlush(): Promise<void> {
    if (this.buffered >= CHUNK_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buffered) return;
    const data = Buffer.concat(this.parts);
    this.parts = [];
    this.buffered = 0;
    await appendExportChunk(this.sql, this.id, this.seq++, data, this.progress);
  }
}

/** Runs one claimed job to its end (COMPLETED or FAILED). */
export async function runExport(sql: Sql, job: ExportRecord, routerUrl: string): Promise<void> {
  try {
    const r = EXPORTABLE[job.resource as ExportResourceName];
    if (!r) throw new ExportFailure('BAD_USER_INPUT', `resource ${job.resource} cannot be exported`);
    const fields = job.items.map((i) => i.slice(r.typeName.length + 1));
    const filters = Object.keys(job.filter);
    const query = exportQuery(r, fields, filters);
    const pager = new RouterPager(job, routerUrl);
    const writer = new ChunkWriter(sql, job.id);
    const pageSize = setting('EXPORT_PAGE_SIZE');
    writer.add(headerLine(job.format, fields));
    let after: string | null = null;
    let truncated = false;
    for (;;) {
      const want = Math.min(pageSize, job.maxRows - writer.progress.rows);
      const { page, refused } = await pager.page(query, r.listField, { ...job.filter, first: want, after });
      writer.progress.valuesRefused += refused;
      for (const edge of page.edges) {
        const line = rowLine(job.format, fields, edge.node);
        if (writer.progress.bytes + Buffer.byteLength(line) > job.maxBytes) {
          truncated = true;
          break;
        }
        writer.add(line);
        writer.progress.rows += 1;
      }
      await writer.maybeFlush();
      if (truncated || !page.pageInfo.hasNextPage) break;
      if (writer.progress.rows >= job.maxRows) {
        truncated = true; // more rows exist than the export may hold
        break;
      }
      after = page.pageInfo.endCursor;
    }
    await writer.flush();
    const expiresAt = new Date((await platformNow(sql)).getTime() + setting('EXPORT_EXPIRY_HOURS') * 3_600_000);
    await completeExport(sql, job.id, { ...writer.progress, truncated, expiresAt });
  } catch (e) {
    const code = e instanceof ExportFailure ? e.code : ((e as { code?: string }).code ?? 'EXPORT_FAILED');
    await failExport(sql, job.id, code, e instanceof Error ? e.message : String(e));
  }
}
