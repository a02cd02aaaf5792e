/** Once before the e2e suites: dist/ brought up to date with the sources (each suite launches the
 *  built platform), so that no suite pays for the incremental build again. */
import * as path from 'node:path';
import { buildDist } from '../../support/build-dist';

export default function globalSetup(): void {
  buildDist(path.resolve(__dirname, '..', '..', '..'), (l) => process.stderr.write(`\n${l}\n`));
}
