/**
 * PGlite has no lock of its own and two processes on one data folder lose data silently
 * (shared/stack-notes.md). Exactly one process may own DATA_DIR: the owner's identity (PID, start
 * time, boot — see process-identity.ts) is in DATA_DIR/owner.lock.
 *
 * Creating the lock is exclusive: the identity is written to a private file which is then hard-linked
 * to owner.lock; link(2) fails when the name exists (O_EXCL semantics, and no reader ever sees a
 * half-written lock).
 *
 * A lock is stale when its process is gone — including when its PID now belongs to another live
 * process (different start time) or the machine has rebooted since. Taking over a stale lock is
 * serialised: only the process that creates `owner.lock.takeover-<hash of the stale content>`
 * (exclusively, the same way) may remove that stale lock, and only while the lock still holds that
 * content; everyone else waits and looks again. So two processes that both see the same stale lock
 * cannot both end up owners (the race of "remove, then create" where one removes the other's fresh
 * lock). A takeover token left by a process that died mid-takeover is itself stale and taken over
 * the same way.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  currentProcess,
  formatIdentity,
  parseIdentity,
  processAlive,
  sameProcess,
  type ProcessIdentity,
} from './process-identity';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被进程 ${ownerPid} 使用（内嵌数据库只能由一个进程打开）。` +
        `请先停止该进程，或在服务运行时通过服务的接口操作。 (DATA_DIR_LOCKED)`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

const ATTEMPTS = 400;
const WAIT_MS = 5;
const MAX_TOKEN_DEPTH = 3;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** Creates `file` holding `content` if no file of that name exists (atomic); false when one does. */
function createExclusive(file: string, content: string): boolean {
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.draft`;
  fs.writeFileSync(draft, content, { flag: 'wx' });
  try {
    fs.linkSync(draft, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

type Claim = { owned: true } | { owned: false; holder: ProcessIdentity | undefined };

/**
 * Makes `file` ours: created exclusively, or taken over from a dead holder under a takeover token.
 * Resolves `{ owned: false, holder }` when a live process holds it (`holder` undefined: a live
 * process is taking over the same stale file and did not finish in time).
 */
function claim(file: string, me: ProcessIdentity, depth: number): Claim {
  const mine = `${formatIdentity(me)}\n`;
  let busyHolder: ProcessIdentity | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(file, mine)) return { owned: true };
    const text = readOrNull(file);
    if (text === null) continue; // removed meanwhile: try to create again
    const held = parseIdentity(text);
    if (held && !sameProcess(held, me) && processAlive(held)) return { owned: false, holder: held };
    // Stale (dead holder, reused PID, unreadable content, or an earlier lock of this very process).
    if (depth >= MAX_TOKEN_DEPTH) return { owned: false, holder: undefined };
    const token = `${file}.takeover-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    const t = claim(token, me, depth + 1);
    if (t.owned) {
      try {
        if (readOrNull(file) === text) fs.unlinkSync(file);
      } finally {
        fs.rmSync(token, { force: true });
      }
      continue;
    }
    busyHolder = t.holder;
    sleepSync(WAIT_MS); // another live process is taking over: look again when it is done
  }
  return { owned: false, holder: busyHolder };
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'owner.lock');
  const me = currentProcess();
  const mine = `${formatIdentity(me)}\n`;
  const r = claim(file, me, 0);
  if (!r.owned) {
    const owner = parseIdentity(readOrNull(file) ?? '') ?? r.holder;
    throw new DataDirLockedError(dataDir, owner?.pid ?? 0);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (readOrNull(file) === mine) fs.unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return { release };
}
