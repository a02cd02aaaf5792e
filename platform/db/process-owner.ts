/**
 * Who owns a running process (issue 8, operations): used to tell an embedded PostgreSQL that
 * another launcher still runs from one left behind by a launcher killed outright.
 */
import * as fs from 'node:fs';

/** The nearest Node process among `pid`'s ancestors (a few levels: as root the server runs under
 *  `su`), if any: the launcher that owns it. Linux /proc; elsewhere unknown → none. An orphan has
 *  been re-parented to init (or a session's subreaper), which is not Node. */
export function nodeParentOf(pid: number): number | undefined {
  try {
    let current = pid;
    for (let level = 0; level < 4; level++) {
      const stat = fs.readFileSync(`/proc/${current}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!Number.isInteger(ppid) || ppid <= 1) return undefined;
      const argv0 = fs.readFileSync(`/proc/${ppid}/cmdline`, 'utf8').split('\0')[0];
      if (/(^|\/)node$/.test(argv0)) return ppid;
      current = ppid;
    }
  } catch {
    /* no /proc, or the process is gone */
  }
  return undefined;
}
