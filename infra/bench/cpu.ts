/**
 * CPU time by process, so a benchmark can say where a request's cost goes: this process and everything it
 * started (the worker, Temporal's dev server, FerretDB, PostgreSQL and its backends), read from /proc.
 * Processes that ended between two snapshots are missing from the second (PostgreSQL backends of closed
 * connections): their time is not counted, so the figures are lower bounds.
 */
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Proc {
  pid: number;
  ppid: number;
  name: string;
  cpuMs: number;
}

function readProcs(): Proc[] {
  const out: Proc[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ... utime(14) stime(15): comm may hold spaces, so split after the last ')'.
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      const ticks = Number(f[11]) + Number(f[12]);
      out.push({ pid: Number(entry), ppid: Number(f[1]), name, cpuMs: (ticks * 1000) / TICKS_PER_SECOND });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** CPU ms so far of this process and its descendants, summed by a label (the worker's pid is named). */
export function cpuSnapshot(labels: Record<number, string> = {}): Record<string, number> {
  const procs = readProcs();
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const out: Record<string, number> = {};
  const walk = (p: Proc, inherited?: string) => {
    const label = labels[p.pid] ?? inherited ?? (p.pid === process.pid ? 'bench + services' : p.name);
    out[label] = (out[label] ?? 0) + p.cpuMs;
    for (const c of children.get(p.pid) ?? []) walk(c, labels[p.pid] ? label : undefined);
  };
  const self = procs.find((p) => p.pid === process.pid);
  if (self) walk(self);
  return out;
}

/** CPU ms spent between two snapshots per unit of work (a request), by label, largest first. */
export function cpuPerUnit(before: Record<string, number>, after: Record<string, number>, units: number) {
  return Object.entries(after)
    .map(([k, v]) => [k, (v - (before[k] ?? 0)) / units] as const)
    .filter(([, v]) => v > 0.5)
    .sort((a, b) => b[1] - a[1]);
}
