/**
 * Summarises V8 CPU profiles (`npm run bench -- --cpu-prof DIR` writes one .cpuprofile per
 * process): self time per package (node_modules/<name>, node: internals, or our own file) and the
 * top functions, for docs/PERFORMANCE.md. A flame graph answers "where" interactively; this answers
 * it in a table that can be committed and compared before and after a change.
 *
 *   node dist/bench/profile-summary.js /tmp/hyprof/CPU.*.cpuprofile [--top 25] [--skip 20]
 *
 * `--skip S` leaves out the first S seconds of each profile (start-up: module loading, schema
 * building, seeding checks), so that the table shows the steady state under load.
 *
 * Written here rather than taken from npm: the profile format is a flat node list with sample
 * counts, and the grouping by package is ours.
 */
import * as fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The package a frame belongs to: a node_modules package, a Node internal, or our own file. */
export function packageOf(url: string): string {
  if (!url) return '(native/V8)';
  if (url.startsWith('node:')) return 'node:internals';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length) : url.replace(/^file:\/\//, '');
}

export interface Summary {
  totalMs: number;
  idleMs: number;
  byPackage: [string, number][];
  byFunction: [string, number][];
}

export function summarise(profile: Profile, skipSeconds = 0): Summary {
  // Self time per node from the sample stream (timeDeltas are µs between samples).
  const self = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= skipSeconds * 1e6) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const pkg = functionName === '(garbage collector)' ? '(garbage collector)' : packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${packageOf(url)}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].map(([k, v]) => [k, v / 1000] as [string, number]).sort((a, b) => b[1] - a[1]);
  return { totalMs: total / 1000, idleMs: idle / 1000, byPackage: sorted(byPackage), byFunction: sorted(byFunction) };
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  const top = option('--top', 20);
  const skip = option('--skip', 0);
  const files = args.filter((a) => a.endsWith('.cpuprofile'));
  if (!files.length) throw new Error('usage: profile-summary <file.cpuprofile>… [--top N]');
  for (const file of files) {
    const s = summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, skip);
    const pct = (ms: number) => `${((100 * ms) / s.totalMs).toFixed(1).padStart(5)} %`;
    console.log(`\n## ${file}: ${s.totalMs.toFixed(0)} ms busy, ${s.idleMs.toFixed(0)} ms idle`);
    console.log('\nby package (self time):');
    for (const [k, v] of s.byPackage.slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
    console.log('\nby function (self time):');
    for (const [k, v] of s.byFunction.slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
  }
}

if (require.main === module) main();
