/**
 * What the agency register says about an agency's traffic (issue 13, item 2): its rate-limit
 * overrides (requests and estimated cost per second; null = router.yaml's `rate_limit` default)
 * and whether only its approved trusted documents may run (`enforceTrustedDocuments`). The router
 * holds these in memory (router/agency-controls.ts), reloaded on the agency trigger's NOTIFY.
 *
 * The trusted documents themselves are the catalog's (`application_operation`, beside the sharing
 * application that approved them); they are read here so that the router loads no catalog code.
 */
import { pgArray, type Sql } from '../db/sql';

/** Notified when an application's documents or its status change (migrations/catalog/…_application_operations). */
export const TRUSTED_DOCUMENTS_CHANNEL = 'trusted_documents_changed';

/** Applications whose documents are trusted: approved (or granted at once, Art. 17) and not withdrawn, revoked or expired. */
export const TRUSTING_STATUSES = ['APPROVED', 'PARTIALLY_PROVISIONED', 'PROVISIONED', 'GRANTED'] as const;

export interface AgencyControlRecord {
  code: string;
  requestsPerSecond: number | null;
  costPerSecond: number | null;
  enforceTrustedDocuments: boolean;
}

export interface AgencyControlFields {
  /** A positive number sets the override; null clears it (back to router.yaml's default). */
  requestsPerSecond?: number | null;
  costPerSecond?: number | null;
  enforceTrustedDocuments?: boolean;
}

export function loadAgencyControls(sql: Sql): Promise<AgencyControlRecord[]> {
  return sql<AgencyControlRecord>(
    `SELECT code, requests_per_second AS "requestsPerSecond", cost_per_second AS "costPerSecond",
            enforce_trusted_documents AS "enforceTrustedDocuments" FROM agency`,
  );
}

/** The controls of one agency, or undefined when the code is unknown. */
export async function agencyControls(sql: Sql, code: string): Promise<AgencyControlRecord | undefined> {
  return (await loadAgencyControls(sql)).find((a) => a.code === code);
}

/** Changes the fields given (others stay); false when the code is unknown. */
export async function setAgencyControls(sql: Sql, code: string, f: AgencyControlFields): Promise<boolean> {
  const rows = await sql(
    `UPDATE agency SET
       requests_per_second = CASE WHEN ? THEN ?::int ELSE requests_per_second END,
       cost_per_second = CASE WHEN ? THEN ?::int ELSE cost_per_second END,
       enforce_trusted_documents = coalesce(?::boolean, enforce_trusted_documents), updated_at = now()
     WHERE code = ? RETURNING code`,
    [
      f.requestsPerSecond !== undefined,
      f.requestsPerSecond ?? null,
      f.costPerSecond !== undefined,
      f.costPerSecond ?? null,
      f.enforceTrustedDocuments ?? null,
      code,
    ],
  );
  return rows.length > 0;
}

export interface TrustedDocumentRecord {
  agency: string;
  sha256: string;
  document: string;
}

/** Every trusted document of every agency (a few per application; held in memory by the router). */
export function loadTrustedDocuments(sql: Sql): Promise<TrustedDocumentRecord[]> {
  return sql<TrustedDocumentRecord>(
    `SELECT DISTINCT a.applicant AS agency, o.sha256, o.document
       FROM application_operation o JOIN sharing_application a ON a.id = o.application_id
      WHERE a.status = ANY(?::text[])`,
    [pgArray(TRUSTING_STATUSES)],
  );
}

/** One application's documents, in id order. */
export function loadApplicationOperations(sql: Sql, applicationId: string): Promise<{ sha256: string; operationName: string | null; document: string }[]> {
  return sql(`SELECT sha256, operation_name AS "operationName", document FROM application_operation WHERE application_id = ? ORDER BY sha256`, [applicationId]);
}

/** Records an application's documents (at submission, in the application's transaction). */
export async function insertApplicationOperations(
  sql: Sql,
  applicationId: string,
  operations: readonly { sha256: string; operationName: string | null; document: string }[],
): Promise<void> {
  for (const o of operations) {
    await sql(`INSERT INTO application_operation (application_id, sha256, operation_name, document) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, [
      applicationId,
      o.sha256,
      o.operationName,
      o.document,
    ]);
  }
}
