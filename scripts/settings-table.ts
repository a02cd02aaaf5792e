/** `npm run settings:table`: rewrites README.md's settings table from platform/settings. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../platform/config';
import { withSettingsTable } from '../platform/settings/table';

const file = path.join(repoRoot, 'README.md');
const before = fs.readFileSync(file, 'utf8');
const after = withSettingsTable(before);
if (after !== before) fs.writeFileSync(file, after);
console.log(after === before ? 'README.md settings table is up to date' : 'README.md settings table rewritten');
