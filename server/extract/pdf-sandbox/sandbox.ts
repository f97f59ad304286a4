/**
 * The server's side of the PDF sandbox: a few long-lived child processes (child.ts) that read
 * untrusted PDFs with pdf.js, so that no PDF is ever parsed on the server's event loop.
 *
 * Each child runs under a memory cap (`prlimit --data`, which covers the V8 heap and every decoded
 * buffer, plus a V8 heap limit) and every task under a clock that restarts with each page read. A child
 * that runs out of time is killed; one that runs out of memory dies or fails its allocation; either way
 * the task fails with PDF_TOO_COMPLEX and a Chinese reason, and the next task gets a fresh child. Idle
 * children do not keep a process (a CLI command, a test) alive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError, ERROR_TABLE, type ErrorCode } from '../../errors';
import { findExecutable } from '../find-executable';
import { PDF_LIMITS } from '../limits';
import type { SandboxRequest, SandboxResponse, SandboxTask, TaskResults } from './protocol';

export interface PdfSandboxOptions {
  /** Children reading at once (default 2). */
  processes?: number;
  /** Memory of each child, bytes (default PDF_LIMITS.processMemoryBytes). */
  memoryBytes?: number;
  /** V8 heap of each child, MB (default PDF_LIMITS.heapMb). */
  heapMb?: number;
  /** Time a task may go without finishing a page (default PDF_LIMITS.timeoutMs). */
  timeoutMs?: number;
  /** Tasks a child runs before it is replaced (default 200). */
  tasksPerChild?: number;
  /** A child reporting more resident memory than this after a task is replaced (default 512 MB). */
  maxIdleRssBytes?: number;
}

interface Pending {
  resolve(r: unknown): void;
  reject(e: Error): void;
  touch(): void;
}

interface Child {
  proc: ChildProcess;
  /** stopped on purpose (replaced, timed out, closed) */
  retired: boolean;
  ready: Promise<void>;
  tasks: number;
  pending: Map<number, Pending>;
  stderr: () => string;
}

const MB = 1024 * 1024;

function childEntry(): { file: string; execArgv: string[] } {
  const js = path.join(__dirname, 'child.js');
  if (existsSync(js)) return { file: js, execArgv: [] };
  // Running from TypeScript sources (tests, tsx): let tsx load the child too.
  return { file: path.join(__dirname, 'child.ts'), execArgv: ['--import', 'tsx'] };
}

export class PdfSandbox {
  private readonly slots: Array<Child | null>;
  private readonly busy: boolean[];
  private readonly waiting: Array<(slot: number) => void> = [];
  private readonly memoryBytes: number;
  private readonly heapMb: number;
  private readonly timeoutMs: number;
  private readonly tasksPerChild: number;
  private readonly maxIdleRssBytes: number;
  private nextId = 1;
  private closed = false;
  /** Children started so far (tests: a bomb costs a child, not the server). */
  childrenStarted = 0;

  constructor(opts: PdfSandboxOptions = {}) {
    const n = Math.max(1, opts.processes ?? 2);
    this.slots = Array.from({ length: n }, () => null);
    this.busy = Array.from({ length: n }, () => false);
    this.memoryBytes = opts.memoryBytes ?? PDF_LIMITS.processMemoryBytes;
    this.heapMb = opts.heapMb ?? PDF_LIMITS.heapMb;
    this.timeoutMs = opts.timeoutMs ?? PDF_LIMITS.timeoutMs;
    this.tasksPerChild = opts.tasksPerChild ?? 200;
    this.maxIdleRssBytes = opts.maxIdleRssBytes ?? 512 * MB;
  }

  /** Runs one task on a PDF in a sandbox child. Throws AppError (the child's, or PDF_TOO_COMPLEX). */
  async run<T extends SandboxTask>(pdf: Uint8Array, task: T): Promise<TaskResults[T['task']]> {
    const slot = await this.acquire();
    try {
      if (this.closed) throw new AppError('NOT_READY', 'PDF 读取服务已关闭');
      const child = this.childAt(slot);
      await child.ready;
      const res = await this.ask(child, slot, { ...task, id: this.nextId++, pdf });
      child.tasks++;
      // a child grown by a large file (or one refused half-way through its allocations) starts afresh
      if (child.tasks >= this.tasksPerChild || res.rss > this.maxIdleRssBytes) this.retire(slot);
      if (!res.ok) throw rebuild(res.error);
      return res.result as TaskResults[T['task']];
    } finally {
      this.release(slot);
    }
  }

  /**
   * Starts a child ahead of its first task (it loads pdf.js meanwhile), when a slot is free and has
   * none: a command that is about to read a PDF calls this before loading the rest of its code. The
   * child does not keep the process alive until it is given a task.
   */
  prestart(): void {
    if (this.closed) return;
    const free = this.busy.findIndex((b, i) => !b && !this.slots[i]);
    if (free < 0) return;
    const child = this.childAt(free);
    this.setRef(child, false);
  }

  /** Stops every child and waits for them to end; later tasks fail with NOT_READY. */
  async close(): Promise<void> {
    this.closed = true;
    // an idle child is unreferenced: referenced again, its exit is waited for (and the child reaped)
    this.slots.forEach((c) => this.setRef(c, true));
    const ending = this.slots.flatMap((c) =>
      c && c.proc.exitCode === null && c.proc.signalCode === null
        ? [
            new Promise<void>((resolve) => {
              c.proc.once('exit', () => resolve());
              c.proc.once('error', () => resolve());
            }),
          ]
        : [],
    );
    this.slots.forEach((_, i) => this.retire(i));
    for (const w of this.waiting.splice(0)) w(-1);
    await Promise.all(ending);
  }

  private acquire(): Promise<number> {
    if (this.closed) return Promise.reject(new AppError('NOT_READY', 'PDF 读取服务已关闭'));
    const free = this.busy.findIndex((b) => !b);
    if (free >= 0) {
      this.busy[free] = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve, reject) =>
      this.waiting.push((slot) =>
        slot < 0 ? reject(new AppError('NOT_READY', 'PDF 读取服务已关闭')) : resolve(slot),
      ),
    );
  }

  private release(slot: number): void {
    const next = this.waiting.shift();
    if (next) return next(slot);
    this.busy[slot] = false;
    this.setRef(this.slots[slot], false);
  }

  /** A busy child keeps the process alive (its answer is awaited); an idle one does not. */
  private setRef(child: Child | null | undefined, ref: boolean): void {
    if (!child || child.proc.exitCode !== null) return;
    const stderr = child.proc.stderr as (NodeJS.ReadableStream & { ref?(): void; unref?(): void }) | null;
    if (ref) {
      child.proc.ref();
      child.proc.channel?.ref();
      stderr?.ref?.();
    } else {
      child.proc.unref();
      child.proc.channel?.unref();
      stderr?.unref?.();
    }
  }

  private childAt(slot: number): Child {
    const existing = this.slots[slot];
    if (existing) {
      this.setRef(existing, true);
      return existing;
    }
    const entry = childEntry();
    const node = [...entry.execArgv, `--max-old-space-size=${this.heapMb}`, entry.file];
    const prlimit = findExecutable('prlimit');
    const [command, args] = prlimit
      ? [prlimit, [`--data=${this.memoryBytes}`, '--core=0', '--', process.execPath, ...node]]
      : [process.execPath, node];
    const proc = spawn(command, args, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, NODE_OPTIONS: '', MALLOC_ARENA_MAX: '2' },
    });
    this.childrenStarted++;
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const pending: Child['pending'] = new Map();
    const ready = new Promise<void>((resolve, reject) => {
      proc.on('message', (m: SandboxResponse) => {
        if ('ready' in m) return resolve();
        const p = pending.get(m.id);
        if (!p) return;
        if ('progress' in m) return p.touch();
        pending.delete(m.id);
        p.resolve(m);
      });
      proc.on('error', (err) => reject(err));
      proc.on('exit', (code, signal) => {
        const err = child.retired
          ? new AppError('NOT_READY', 'PDF 读取服务已关闭')
          : childDied(code, signal, stderr, this.memoryBytes);
        reject(err);
        for (const p of pending.values()) p.reject(err);
        pending.clear();
        if (this.slots[slot]?.proc === proc) this.slots[slot] = null;
      });
    });
    ready.catch(() => undefined);
    const child: Child = { proc, retired: false, ready, tasks: 0, pending, stderr: () => stderr };
    this.slots[slot] = child;
    return child;
  }

  private ask(
    child: Child,
    slot: number,
    req: SandboxRequest,
  ): Promise<Extract<SandboxResponse, { ok: boolean }>> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          child.pending.delete(req.id);
          this.retire(slot);
          reject(
            new AppError(
              'PDF_TOO_COMPLEX',
              `读取该 PDF 超过 ${Math.round(this.timeoutMs / 1000)} 秒仍未完成（内容过于复杂或是恶意构造的文件），已停止读取`,
              { timeoutMs: this.timeoutMs },
            ),
          );
        }, this.timeoutMs);
      };
      arm();
      child.pending.set(req.id, {
        touch: arm,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r as Extract<SandboxResponse, { ok: boolean }>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.proc.send(req);
    });
  }

  private retire(slot: number): void {
    const child = this.slots[slot];
    this.slots[slot] = null;
    if (child) child.retired = true;
    if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  }
}

function rebuild(e: { code: ErrorCode; message: string; details?: unknown }): AppError {
  const code: ErrorCode = e.code in ERROR_TABLE ? e.code : 'CORRUPT_FILE';
  return new AppError(code, e.message, e.details);
}

/** A child that ended while reading: out of memory (V8 or the cap), or a crash. */
function childDied(
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  memoryBytes: number,
): AppError {
  const outOfMemory =
    /out of memory|heap limit|allocation failed/i.test(stderr) ||
    signal === 'SIGABRT' ||
    signal === 'SIGTRAP' ||
    signal === 'SIGKILL' ||
    code === 134;
  return new AppError(
    'PDF_TOO_COMPLEX',
    outOfMemory
      ? '读取该 PDF 所需的内存超过上限（内容过于复杂或是恶意构造的文件），已停止读取'
      : '读取该 PDF 的进程意外退出，文件可能已损坏或是恶意构造的文件',
    { exitCode: code, signal, memoryBytes, stderr: stderr.slice(-300) },
  );
}
