/**
 * Adding a subgraph is its folder(s) and one line in a subgraphs list: the toy subgraph
 * (test/fixtures/toy, with its own migrations) is added to the list with one line, selected by
 * SUBGRAPHS_CONFIG, and a platform of the catalog and the toy is launched on its own ports
 * (TEST_PORT_BASE + 500) and databases (<prefix>toy_*), apart from the shared test platform. The
 * router finds the toy's URL from that list; the toy's policy applies like any other subgraph's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchPlatform, type RunningPlatform } from '../../scripts/launcher';
import { dropDatabase } from '../../platform/db/databases';
import { repoRoot } from '../../platform/config';
// unsignedGql: the toy's router is not the shared platform's, and a client never signs.
import { asAgency, unsignedGql as gql } from '../support/client';

// The toy platform uses the shared platform's PostgreSQL server; the embedded server's ESM binary
// package would not load under Jest, and is never needed here.
jest.mock('../../platform/db/embedded', () => ({ startEmbeddedPostgres: () => Promise.reject(new Error('not in this test')) }));

const TOY_LINE = { name: 'toy', port: 4007, module: 'test/fixtures/toy' };

const portBase = Number(process.env.TEST_PORT_BASE || 4100) + 500;
const prefix = `${process.env.TEST_DATABASE_PREFIX || 'hytest'}toy`;
let platform: RunningPlatform | undefined;
let previousConfig: string | undefined;
let configFile: string;

beforeAll(async () => {
  const databaseUrl = process.env.TEST_DATABASE_URL!;
  // The project's list plus one line.
  const list = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schema', 'subgraphs.json'), 'utf8'));
  list.subgraphs.push(TOY_LINE);
  configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'toy-subgraphs-')), 'subgraphs.json');
  fs.writeFileSync(configFile, JSON.stringify(list));
  previousConfig = process.env.SUBGRAPHS_CONFIG;
  process.env.SUBGRAPHS_CONFIG = configFile;
  for (const name of ['catalog', 'toy']) await dropDatabase(databaseUrl, `${prefix}_${name}`);
  platform = await launchPlatform({
    databaseUrl,
    portBase,
    only: ['toy'],
    seedScale: 10,
    databasePrefix: prefix,
    log: (l) => process.stderr.write(`[toy platform] ${l}\n`),
  });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  if (previousConfig === undefined) delete process.env.SUBGRAPHS_CONFIG;
  else process.env.SUBGRAPHS_CONFIG = previousConfig;
  fs.rmSync(path.dirname(configFile), { recursive: true, force: true });
});

test('a toy subgraph added with its folder and one line answers through the router', async () => {
  const r = await gql(`{ toyThing(id: "t1") { id name secret } }`, {}, await asAgency('data-bureau'), platform!.routerUrl);
  expect(r.errors).toBeUndefined();
  expect(r.data.toyThing).toEqual({ id: 't1', name: 'first toy', secret: 'hidden one' });
});

test("the toy's policy applies: another agency gets the unconditional field, the conditional one is refused", async () => {
  const r = await gql(`{ toyThing(id: "t2") { id name secret } }`, {}, await asAgency('taxation'), platform!.routerUrl);
  expect(r.data.toyThing).toMatchObject({ id: 't2', name: 'second toy', secret: null });
  expect(r.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['toyThing.secret', 'FORBIDDEN']]);
});
