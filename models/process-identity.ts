/**
 * Which process wrote a file, in a form that survives PID reuse: `pid`, the process's start time
 * (clock ticks since boot, /proc/<pid>/stat field 22) and the boot id. A PID alone can name another
 * process after the writer died (containers restart at PID 1, busy hosts wrap PIDs); PID + start
 * time + boot names exactly one process. Off Linux (no /proc) only the PID is known.
 *
 * Used by the DATA_DIR owner lock (data-dir-lock.ts) and by the upload store's tmp files, whose
 * writer's liveness decides whether a leftover may be removed.
 */
import fs from 'node:fs';

export interface ProcessIdentity {
  pid: number;
  /** Start time in clock ticks since boot; null when unknown (no /proc). */
  start: string | null;
  /** /proc/sys/kernel/random/boot_id; null when unknown. */
  boot: string | null;
}

function readBootId(): string | null {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

const BOOT = readBootId();

/** The start time of `pid` (field 22 of /proc/<pid>/stat, after the parenthesised command name). */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state) → field 22 is fields[19]
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

let self: ProcessIdentity | undefined;

export function currentProcess(): ProcessIdentity {
  self ??= { pid: process.pid, start: processStartTime(process.pid), boot: BOOT };
  return self;
}

/** `pid start boot` (unknown parts as `-`): one line, no spaces inside parts. */
export function formatIdentity(id: ProcessIdentity): string {
  return `${id.pid} ${id.start ?? '-'} ${id.boot ?? '-'}`;
}

/** Parses formatIdentity's output (and the older pid-only form); undefined when unreadable. */
export function parseIdentity(text: string): ProcessIdentity | undefined {
  const [pid, start, boot] = text.trim().split(/\s+/);
  const n = Number(pid);
  if (!Number.isSafeInteger(n) || n <= 0) return undefined;
  const part = (s: string | undefined) => (s && s !== '-' ? s : null);
  return { pid: n, start: part(start), boot: part(boot) };
}

export function sameProcess(a: ProcessIdentity, b: ProcessIdentity): boolean {
  return a.pid === b.pid && a.start === b.start && a.boot === b.boot;
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process `id` names is still running: its PID exists and, when the start time and
 * boot are recorded and can be read here, they are the same (otherwise the PID belongs to another
 * process now, or the machine has rebooted since).
 */
export function processAlive(id: ProcessIdentity): boolean {
  if (id.boot && BOOT && id.boot !== BOOT) return false;
  if (!pidExists(id.pid)) return false;
  if (id.start) {
    const now = processStartTime(id.pid);
    if (now !== null && now !== id.start) return false;
  }
  return true;
}
