/**
 * `GET /exports/<id>`: a finished batch export's file, streamed chunk by chunk from the governance
 * database (platform/governance/exports.ts), so any router replica serves any file and never holds
 * it whole. Only the requesting agency's operator downloads it, with the agency's own token:
 *
 *   - no token / a bad one                                → 401 UNAUTHENTICATED;
 *   - an id that is not an export of the caller's agency  → 404 EXPORT_NOT_FOUND, the same answer
 *     whether it exists (another agency's) or not, whatever the id looks like (no path is built from it);
 *   - the agency's export, token without the operator post → 403 FORBIDDEN, requiredRole operator;
 *   - not finished, or failed                              → 409 EXPORT_NOT_READY with its status;
 *   - past expiresAt (platform clock) or deleted           → 410 EXPORT_EXPIRED;
 *   - otherwise 200 with the file, and an audit row (resource BatchExport, the export's id as subject)
 *     written before the first byte. The rows' subjects were audited when the job read them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { pgSql } from '../platform/db/sql';
import { isRegisteredAgency, loadExport, platformNow, readExportChunk } from '../platform/governance';
import { identify } from '../platform/identity/tokens';
import { AgencyRole } from '../platform/identity/identity';
import { ErrorCode, errorBody } from '../platform/errors';
import { contentType, fileExtension } from '../platform/exports/format';
import type { AuditWriter } from '../platform/audit/writer';
import { sendJson } from './http';

export const EXPORTS_PATH = /^\/exports\/([^/]*)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ServeExport = (req: IncomingMessage, res: ServerResponse, rawId: string) => Promise<void>;

export function exportDownloads(pool: Pool, audit: AuditWriter): ServeExport {
  const sql = pgSql(pool);
  const notFound = (res: ServerResponse) => sendJson(res, 404, errorBody(ErrorCode.EXPORT_NOT_FOUND, 'No such export for your agency'));
  return async (req, res, rawId) => {
    res.setHeader('cache-control', 'no-store');
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      sendJson(res, 405, errorBody(ErrorCode.METHOD_NOT_ALLOWED, 'An export is downloaded with GET'));
      return;
    }
    let identity;
    try {
      identity = await identify(req.headers.authorization);
    } catch (e) {
      sendJson(res, 401, errorBody(ErrorCode.UNAUTHENTICATED, (e as Error).message));
      return;
    }
    if (identity.kind === 'anonymous') {
      sendJson(res, 401, errorBody(ErrorCode.UNAUTHENTICATED, 'Unauthenticated: send your agency token (Authorization: Bearer …)'));
      return;
    }
    if (identity.kind !== 'agency' || !identity.agency || !(await isRegisteredAgency(sql, identity.agency))) {
      if (identity.kind === 'agency')
        sendJson(res, 401, errorBody(ErrorCode.UNAUTHENTICATED, 'Unauthenticated: the token’s agency is not registered (or not active)'));
      else notFound(res);
      return;
    }
    let id: string;
    try {
      id = decodeURIComponent(rawId).toLowerCase();
    } catch {
      notFound(res);
      return;
    }
    const job = UUID.test(id) ? await loadExport(sql, id) : null;
    if (!job || job.agencyCode !== identity.agency) {
      notFound(res);
      return;
    }
    if (!identity.roles.includes(AgencyRole.OPERATOR) || identity.batchExport) {
      sendJson(res, 403, {
        errors: [
          {
            message: 'Downloading an export needs the role "operator" (数据操作员) in the token',
            extensions: { code: ErrorCode.FORBIDDEN, requiredRole: 'operator' },
          },
        ],
      });
      return;
    }
    const now = await platformNow(sql);
    if (job.status === 'EXPIRED' || (job.status === 'COMPLETED' && job.expiresAt && job.expiresAt.getTime() <= now.getTime())) {
      sendJson(
        res,
        410,
        errorBody(ErrorCode.EXPORT_EXPIRED, `Export ${id} expired${job.expiresAt ? ` at ${job.expiresAt.toISOString()}` : ''}; its file was deleted`),
      );
      return;
    }
    if (job.status !== 'COMPLETED') {
      sendJson(res, 409, {
        errors: [{ message: `Export ${id} is ${job.status}`, extensions: { code: ErrorCode.EXPORT_NOT_READY, status: job.status, errorCode: job.errorCode } }],
      });
      return;
    }
    await audit.write([
      {
        at: new Date(),
        requestId: String(res.getHeader('x-request-id') ?? randomUUID()),
        subgraph: 'router',
        agency: identity.agency,
        agencyVerified: true,
        operator: identity.operator ?? null,
        actorSubject: null,
        purpose: job.purpose,
        operation: `batch-export-download:${id}`,
        resource: 'BatchExport',
        itemsServed: job.items,
        itemsMasked: [],
        itemsRefused: [],
        subjects: [{ key: id, disclosed: true }],
        decision: 'SERVED',
      },
    ]);
    res.statusCode = 200;
    res.setHeader('content-type', contentType(job.format));
    res.setHeader('content-length', String(job.bytesWritten));
    res.setHeader('content-disposition', `attachment; filename="export-${id}.${fileExtension(job.format)}"`);
    for (let seq = 0; ; seq++) {
      const chunk = await readExportChunk(sql, id, seq);
      if (!chunk) break;
      if (!res.write(chunk)) await once(res, 'drain');
    }
    res.end();
  };
}
