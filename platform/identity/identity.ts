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
}

export const ANONYMOUS: Identity = { kind: 'anonymous', roles: [] };
