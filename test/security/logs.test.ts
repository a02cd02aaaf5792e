/**
 * Structured logs (issue 12): the router writes one JSON access line per request, and no process's
 * output carries personal data. Every child's output is kept under LOG_DIR by the launcher (the
 * tests' global setup sets it); this file reads persons through the router (names, ID numbers,
 * a purpose and an operation name that carry an ID number too) and then greps it all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { asAgency, gql } from '../support/client';
import { syntheticPerson } from '../../seed/synthetic/people';

const logDir = () => process.env.LOG_DIR!;
const logs = () => fs.readdirSync(logDir()).map((f) => ({ file: f, text: fs.readFileSync(path.join(logDir(), f), 'utf8') }));

/** The router's access line for a request id, polled for (the child's output reaches the file asynchronously). */
async function accessLine(requestId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const text = fs.existsSync(path.join(logDir(), 'router.log')) ? fs.readFileSync(path.join(logDir(), 'router.log'), 'utf8') : '';
    const line = text.split('\n').find((l) => l.includes(requestId) && l.includes('"kind":"access"'));
    if (line) return JSON.parse(line) as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no access line for ${requestId} in ${logDir()}/router.log`);
}

const PERSONS = `query LogsPersons { persons(first: 20) { edges { node { idNumber name } } } }`;

test('one JSON access line per request at the router, and no seeded name or ID number in any process output', async () => {
  const target = syntheticPerson(11);
  const purpose = `核查 ${target.idNumber} ${target.name}`;
  const headers = await asAgency('public-security', purpose, { operator: 'officer-17' });
  const list = await gql(PERSONS, {}, headers);
  expect(list.errors).toBeUndefined();
  const people = (list.data.persons.edges as { node: { idNumber: string; name: string } }[]).map((e) => e.node);
  expect(people.length).toBeGreaterThan(5);
  const one = await gql(
    `query Check${target.idNumber.slice(0, 12)}($n: String!) { personByIdNumber(idNumber: $n) { idNumber name } }`,
    { n: target.idNumber },
    headers,
  );
  expect(one.data?.personByIdNumber?.name).toBe(target.name);
  const missing = await gql(`query LogsUnknown($n: String!) { personByIdNumber(idNumber: $n) { name } }`, { n: '11010519491231002X' }, headers);
  expect(missing.errors).toBeUndefined();

  const line = await accessLine(list.headers.get('x-request-id')!);
  expect(line).toMatchObject({
    kind: 'access',
    process: 'router',
    agency: 'public-security',
    operator: 'officer-17',
    operation: 'LogsPersons',
    status: 200,
    outcome: 'ok',
  });
  expect(typeof line.durationMs).toBe('number');
  expect(String(line.purpose)).toMatch(/^sha256:[0-9a-f]{16}$/);
  const second = await accessLine(one.headers.get('x-request-id')!);
  expect(second.operation).toBe('other');
  await accessLine(missing.headers.get('x-request-id')!); // the last request is in the file: so are the others' lines

  const secrets = [...people.flatMap((p) => [p.idNumber, p.name]), target.idNumber, target.name, '11010519491231002X'];
  const files = logs();
  expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(['router.log', 'population.log']));
  for (const { file, text } of files) for (const secret of secrets) expect([file, secret, text.includes(secret)]).toEqual([file, secret, false]);
});
