/**
 * A provider's small updates through the API (issue 11): the records named by their natural key,
 * only the fields given (null clears an optional one), held to the same rules as an ingest file
 * (platform/ingest/rules.ts and the resource's spec). All or nothing: any invalid value or unknown
 * record refuses the whole call, naming each input by index, field and reason. The writes run in
 * one transaction under the provider's actor settings, so the history triggers record them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { emSql, emTransaction } from '../db/sql';
import { setChangeActor, type ChangeActor } from '../db/change-history';
import { applyRules, type FieldProblem } from '../ingest/rules';
import { storedColumns, type IngestSpec } from '../ingest/spec';
import { badUserInput, forbidden, graphqlError, ErrorCode } from '../errors';
import { AgencyRole } from '../identity/identity';
import { reportChangedTables } from '../subgraph/refresh';
import type { SubgraphContext } from '../subgraph/definition';

export const MAX_UPDATES = 100;

/** Validates and applies the updates; returns the records' pseudonymous keys, in input order. */
export async function updateRecords(em: EntityManager, spec: IngestSpec, inputs: Record<string, unknown>[], actor: ChangeActor): Promise<string[]> {
  if (!inputs.length || inputs.length > MAX_UPDATES) {
    throw badUserInput(`Argument "input" must hold 1 to ${MAX_UPDATES} records, got ${inputs.length}`, { argument: 'input' });
  }
  const problems: (FieldProblem & { index: number })[] = [];
  const updates = inputs.map((input, index) => {
    const raw: Record<string, string | null> = {};
    for (const field of Object.keys(spec.columns)) {
      const v = input[field];
      if (v !== undefined) raw[field] = v === null ? null : String(v);
    }
    const { values, problems: found } = applyRules(spec.rules, raw);
    if (!found.length && spec.check) found.push(...spec.check(values));
    problems.push(...found.map((p) => ({ index, ...p })));
    return { values, key: found.some((p) => p.field === spec.keyField) ? '' : spec.keyOf(String(values[spec.keyField])) };
  });
  updates.forEach((u, index) => {
    const first = updates.findIndex((o) => o.key === u.key);
    if (u.key && first !== index) problems.push({ index, field: spec.keyField, reason: `the same record as input ${first}` });
  });
  if (problems.length) {
    const text = problems.map((p) => `input[${p.index}].${p.field} ${p.reason}`).join('; ');
    throw badUserInput(`Invalid update: ${text}`, { argument: 'input', problems });
  }
  return emTransaction(em, async (q) => {
    await setChangeActor(q, actor);
    const missing: (FieldProblem & { index: number })[] = [];
    for (const ref of spec.references ?? []) {
      for (const [index, u] of updates.entries()) {
        const v = u.values[ref.field];
        if (v != null && !(await q(`SELECT 1 FROM ${ref.table} WHERE ${ref.column ?? 'id'} = ?`, [v])).length)
          missing.push({ index, field: ref.field, reason: ref.reason });
      }
    }
    if (missing.length) {
      throw badUserInput(`Invalid update: ${missing.map((p) => `input[${p.index}].${p.field} ${p.reason}`).join('; ')}`, {
        argument: 'input',
        problems: missing,
      });
    }
    for (const [index, u] of updates.entries()) {
      const fields = Object.keys(u.values).filter((f) => f !== spec.keyField);
      const sets = fields.map((f) => `${storedColumns(spec)[f]} = ?`);
      const found = sets.length
        ? await q(`UPDATE ${spec.table} SET ${sets.join(', ')} WHERE id = ? RETURNING id`, [...fields.map((f) => u.values[f] ?? null), u.key])
        : await q(`SELECT id FROM ${spec.table} WHERE id = ?`, [u.key]);
      if (!found.length) {
        throw graphqlError(ErrorCode.NOT_FOUND, `input[${index}]: no ${spec.typeName} record with this ${spec.keyField}; nothing was updated`, {
          argument: 'input',
          index,
        });
      }
    }
    return updates.map((u) => u.key);
  });
}

/** Only the providing agency's operator writes its base database (谁提供、谁负责, Art. 11); a
 *  refusal is audited as the mutation on the resource. Returns the actor for the history. */
export function assertProviderOperator(
  ctx: SubgraphContext,
  provider: string,
  database: string,
  mutation: string,
  typeName: string,
): { agency: string; operator: string | null } {
  const who = ctx.policy.identity;
  if (who.kind !== 'agency' || who.agency !== provider || !who.roles.includes(AgencyRole.OPERATOR)) {
    ctx.policy.audit.record(typeName, `Mutation.${mutation}`, 'refused');
    throw forbidden(`Only the provider of ${database} (${provider}) may update its records, with the role "operator"`, {
      item: `Mutation.${mutation}`,
      provider,
    });
  }
  return { agency: who.agency, operator: who.operator ?? null };
}

/**
 * A provider's update mutation end to end: the provider check, the all-or-nothing update, the
 * audit record (the mutation on the resource, the records as subjects) and the change report
 * that keeps freshness real. Returns the records' keys in input order.
 */
export async function providerUpdate(
  ctx: SubgraphContext,
  o: { subgraph: string; provider: string; database: string; mutation: string; spec: IngestSpec; input: object[] },
): Promise<string[]> {
  const actor = assertProviderOperator(ctx, o.provider, o.database, o.mutation, o.spec.typeName);
  const keys = await updateRecords(ctx.em, o.spec, o.input as Record<string, unknown>[], { ...actor, source: 'mutation' });
  ctx.policy.audit.record(o.spec.typeName, `Mutation.${o.mutation}`, 'served', keys);
  await reportChangedTables(o.subgraph, emSql(ctx.em), [{ tableName: o.spec.table, typeName: o.spec.typeName }]);
  return keys;
}

/** The rows a loader found, without the misses. */
export const foundRows = <T>(rows: (T | Error | null | undefined)[]) => rows.filter((r): r is T => r != null && !(r instanceof Error));
