/** A seed worker thread (seed/load/worker-rows.ts): computes the COPY text of the slices it is sent. */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { encodeSlice, type RowsOf } from './worker-rows';

const { module: sourceModule, args } = workerData as { module: string; args: unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the row source is named at run time
const rowsOf = (require(sourceModule) as { rowsOf: RowsOf<unknown> }).rowsOf;

parentPort!.on('message', ({ slice, from, to }: { slice: number; from: number; to: number }) => {
  parentPort!.postMessage({ slice, ...encodeSlice(rowsOf, from, to, args) });
});
