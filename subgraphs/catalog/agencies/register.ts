/**
 * The agency register kept by the administering bureau (issue 10): registering, editing,
 * suspending and reinstating an agency. Only the bureau's `approver` (数据分管领导) does it; the
 * rows are platform/governance's, whose trigger notifies every subgraph, so a suspension closes
 * the agency's tokens everywhere within a second.
 */
import { badUserInput } from '../../../platform/errors';
import { assertNonEmpty } from '../../../platform/graphql/args';
import {
  insertAgency,
  setAgencyControls,
  setAgencySuspension,
  updateAgencyFields,
  type AgencyControlFields,
  type AgencyFields,
} from '../../../platform/governance';
import { subgraphEntries } from '../../../platform/subgraph/registry';
import { Actor, BUREAU } from '../shared/actors';
import { Query, notFound } from '../shared/sql';
import type { RegisterAgencyInput, UpdateAgencyInput } from './types';

/** Codes as tokens name them (scripts/token.ts accepts the same). */
const AGENCY_CODE = /^[a-z][a-z0-9-]{1,40}$/;
/** The bureau is the one ADMINISTERING agency (registered by a migration); others provide or consume. */
const KINDS = ['PROVIDER', 'CONSUMER'];

export function assertAgencyCode(code: string, argument: string): string {
  const c = (code ?? '').trim();
  if (!AGENCY_CODE.test(c)) {
    throw badUserInput(`Argument "${argument}" must be an agency code: lower-case letters, digits and hyphens, 2-41 characters, starting with a letter`, {
      argument,
    });
  }
  return c;
}

function kind(value: string, argument: string): string {
  if (!KINDS.includes(value)) throw badUserInput(`Argument "${argument}" must be one of ${KINDS.join(', ')}, got ${JSON.stringify(value)}`, { argument });
  return value;
}

/** A subgraph name, or null for none (an empty string clears it). */
function provides(value: string | null | undefined, argument: string): string | null {
  if (value == null || value.trim() === '') return null;
  const names = subgraphEntries().map((e) => e.name);
  if (!names.includes(value.trim())) throw badUserInput(`Argument "${argument}" must name a base database (${names.join(', ')})`, { argument });
  return value.trim();
}

/** The largest per-second figure the register holds (the counters are PostgreSQL integers). */
const MAX_PER_SECOND = 1_000_000_000;

/** A per-second override: a positive whole number, 0 (or null on registration) for none. */
function perSecond(value: number | null | undefined, argument: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === 0) return null;
  if (!Number.isInteger(value) || value < 0 || value > MAX_PER_SECOND) {
    throw badUserInput(`Argument "${argument}" must be a whole number from 1 to ${MAX_PER_SECOND}, or 0 to use router.yaml's default`, { argument });
  }
  return value;
}

/** The traffic controls an input sets (only those it names). */
function controlsOf(input: {
  requestsPerSecond?: number | null;
  estimatedCostPerSecond?: number | null;
  enforceTrustedDocuments?: boolean | null;
}): AgencyControlFields {
  const fields: AgencyControlFields = {};
  const requests = perSecond(input.requestsPerSecond, 'input.requestsPerSecond');
  if (requests !== undefined) fields.requestsPerSecond = requests;
  const cost = perSecond(input.estimatedCostPerSecond, 'input.estimatedCostPerSecond');
  if (cost !== undefined) fields.costPerSecond = cost;
  if (input.enforceTrustedDocuments != null) fields.enforceTrustedDocuments = input.enforceTrustedDocuments;
  return fields;
}

function notTheBureau(code: string, what: string): void {
  if (code === BUREAU) throw badUserInput(`The administering bureau (${BUREAU}) cannot be ${what}: it keeps the register`, { argument: 'code' });
}

export async function registerAgency(q: Query, input: RegisterAgencyInput): Promise<string> {
  const code = assertAgencyCode(input.code, 'input.code');
  const fields: AgencyFields = {
    name: assertNonEmpty(input.name ?? '', 'input.name', 100),
    kind: kind(input.kind, 'input.kind'),
    provides: provides(input.provides, 'input.provides'),
    description: input.description == null ? '' : assertNonEmpty(input.description, 'input.description', 1000),
  };
  const controls = controlsOf(input);
  if (!(await insertAgency(q, code, fields)))
    throw badUserInput(`Agency ${code} is already registered (edit it with Mutation.updateAgency)`, { argument: 'input.code' });
  if (Object.keys(controls).length) await setAgencyControls(q, code, controls);
  return code;
}

export async function updateAgency(q: Query, rawCode: string, input: UpdateAgencyInput): Promise<string> {
  const code = assertAgencyCode(rawCode, 'code');
  const fields: Partial<AgencyFields> = {};
  if (input.name != null) fields.name = assertNonEmpty(input.name, 'input.name', 100);
  if (input.kind != null) {
    notTheBureau(code, 'given another kind');
    fields.kind = kind(input.kind, 'input.kind');
  }
  if (input.provides !== undefined) fields.provides = provides(input.provides, 'input.provides');
  if (input.description != null) fields.description = input.description.trim() === '' ? '' : assertNonEmpty(input.description, 'input.description', 1000);
  const controls = controlsOf(input);
  if (!Object.keys(fields).length && !Object.keys(controls).length)
    throw badUserInput('Argument "input" changes nothing: give at least one field', { argument: 'input' });
  if (Object.keys(fields).length && !(await updateAgencyFields(q, code, fields))) throw notFound(`Agency ${code}`, 'code');
  if (Object.keys(controls).length && !(await setAgencyControls(q, code, controls))) throw notFound(`Agency ${code}`, 'code');
  return code;
}

/** Suspends (or reinstates) an agency; the reason is kept on the register row. */
export async function changeSuspension(q: Query, actor: Actor, rawCode: string, reason: string, suspend: boolean): Promise<string> {
  const code = assertAgencyCode(rawCode, 'code');
  if (suspend) notTheBureau(code, 'suspended');
  const why = assertNonEmpty(reason ?? '', 'reason', 2000);
  const before = await setAgencySuspension(q, code, { suspend, reason: why, by: actor.operator ?? actor.agency });
  if (before === null) throw notFound(`Agency ${code}`, 'code');
  if ((before === 'SUSPENDED') === suspend) {
    throw badUserInput(`Agency ${code} is ${before}: ${suspend ? 'it is already suspended' : 'only a suspended agency is reinstated'}`, {
      argument: 'code',
      status: before,
    });
  }
  return code;
}
