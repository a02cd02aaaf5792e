/**
 * Who is asking (Art. 24 (1)): an agency's operator, a data subject (a citizen or an enterprise
 * reading their own access history), or an anonymous open-data reader.
 */
export interface Identity {
  kind: 'agency' | 'subject' | 'anonymous';
  /** Agency code (kind agency). */
  agency?: string;
  /** Operator id within the agency, for the audit trail. */
  operator?: string;
  roles: string[];
  /** Pseudonymous key of the data subject (kind subject): a Person's or a LegalPerson's key. */
  subjectKey?: string;
  subjectKind?: 'PERSON' | 'LEGAL_PERSON';
  /**
   * A batch export job acting for the agency (token claim `batch_export`, minted by the platform's
   * exporter for one job: platform/exports/token.ts): its reads are decided only by the agency's
   * BATCH grants, and audited with the operation `batch-export:<id>`.
   */
  batchExport?: string;
}

export const ANONYMOUS: Identity = { kind: 'anonymous', roles: [] };

/**
 * The posts a department names on the platform (Art. 8), carried in an agency token's `roles`
 * claim. A step needs one post; holding another does not stand in for it.
 */
export const AgencyRole = {
  /** 数据操作员: queries the base databases, submits applications, demands and objections. */
  OPERATOR: 'operator',
  /** 数据分管领导: reviews, provisions, revokes for the agency; the bureau's also keeps the register. */
  APPROVER: 'approver',
  /** 数据安全管理员: searches the agency's audit trail and checks the chain (the bureau's: the whole trail). */
  SECURITY_ADMIN: 'security-admin',
} as const;
export type AgencyRole = (typeof AgencyRole)[keyof typeof AgencyRole];
