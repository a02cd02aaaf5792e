/**
 * Who is signed in: the token and what the portal shows about it (agency, posts, subject). Kept in
 * sessionStorage, so closing the tab signs out and another tab signs in separately. The token's
 * claims are only read for display; every decision is the platform's, on the verified token.
 */
export type Post = 'operator' | 'approver' | 'security-admin';

export interface Session {
  token: string;
  /** Agency code, for an agency token. */
  agency?: string;
  operator?: string;
  roles: Post[];
  /** PERSON or LEGAL_PERSON for a data subject's token. */
  subjectKind?: 'PERSON' | 'LEGAL_PERSON';
  expiresAt: number;
}

const KEY = 'hy-portal-session';
const listeners = new Set<() => void>();

function claims(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

export function sessionFromToken(token: string): Session {
  const c = claims(token);
  return {
    token,
    agency: typeof c.agency === 'string' ? c.agency : undefined,
    operator: typeof c.operator === 'string' ? c.operator : undefined,
    roles: Array.isArray(c.roles) ? (c.roles.filter((r) => typeof r === 'string') as Post[]) : [],
    subjectKind: c.subject_kind === 'LEGAL_PERSON' ? 'LEGAL_PERSON' : typeof c.subject_key === 'string' ? 'PERSON' : undefined,
    expiresAt: typeof c.exp === 'number' ? c.exp * 1000 : 0,
  };
}

export function currentSession(): Session | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return undefined;
  const session = JSON.parse(raw) as Session;
  if (session.expiresAt <= Date.now()) {
    sessionStorage.removeItem(KEY);
    return undefined;
  }
  return session;
}

export function signIn(token: string): Session {
  const session = sessionFromToken(token);
  sessionStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((l) => l());
  return session;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const isBureau = (s: Session | undefined) => s?.agency === 'data-bureau';
export const hasPost = (s: Session | undefined, post: Post) => !!s?.roles.includes(post);
