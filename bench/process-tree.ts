/** Resident memory and CPU of a process tree, read from Linux /proc (benchmarks only). */
import { readdirSync, readFileSync } from 'node:fs';

/** Every process in a tree: the root and all its descendants. */
export function treePids(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number) => {
    out.push(p);
    try {
      for (const tid of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim();
        for (const k of kids ? kids.split(/\s+/) : []) visit(Number(k));
      }
    } catch {
      // the process ended while being read
    }
  };
  visit(pid);
  return out;
}

/** Resident memory of a process tree in bytes. */
export function treeRss(pid: number): number {
  let total = 0;
  for (const p of treePids(pid)) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // ended
    }
  }
  return total;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) spent so far by a process tree: every live process's own time plus the
 * time of the children it has already reaped (a page's OCR child that was replaced still counts).
 * Steadier than wall time on a shared machine.
 */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const p of treePids(pid)) {
    try {
      // fields after "pid (comm) ": state is [0], utime [11], stime [12], cutime [13], cstime [14]
      const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // ended
    }
  }
  return ticks / TICKS_PER_SECOND;
}
