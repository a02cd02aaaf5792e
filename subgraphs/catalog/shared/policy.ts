/**
 * The catalog subgraph's policy classes (provider: the administering bureau, data-bureau).
 *
 * Policy classes used here (every field declares one):
 *  - PUBLIC_REGISTER: the agency register, the catalogue, the working calendar and the yearly
 *    evaluation are published (Art. 12, 23, 25 "评估并公布结果"): OPEN, no token needed.
 *  - WORKFLOW: applications, reviews, grants and objections reach any agency token at the shield;
 *    the resolvers scope them (applicant, providers, the bureau) and refuse others FORBIDDEN.
 *  - AUDIT: the audit trail, scoped by the resolvers (bureau: all; provider: its data; others:
 *    their own requests).
 *  - SELF_SERVICE: a data subject's own access history, declared `subject: true` (readable with a
 *    subject token); the resolver serves a subject token its own events only and refuses every
 *    other caller (anonymous or agency) FORBIDDEN.
 */
import type { FieldPolicy } from '../../../platform/policy/metadata';

export const PROVIDER = 'data-bureau';
export const PUBLIC_REGISTER: FieldPolicy = { type: 'UNCONDITIONAL', open: 'OPEN', level: 'L1', provider: PROVIDER };
export const WORKFLOW: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L2', provider: PROVIDER };
export const AUDIT: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L3', provider: PROVIDER };
export const SELF_SERVICE: FieldPolicy = { type: 'UNCONDITIONAL', open: 'CLOSED', level: 'L3', provider: PROVIDER, subject: true };
