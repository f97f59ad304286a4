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
