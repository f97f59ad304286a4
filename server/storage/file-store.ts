/**
 * The one module that owns file paths under UPLOAD_DIR (STYLE.md G10). Layout:
 *   originals/ab/cd/<sha256>        the uploaded bytes, exactly once per content hash
 *   derived/ab/cd/<sha256>/<name>   things made from an original (page images)
 *   tmp/<pid>-<start>-<uuid>.part   uploads being streamed (named after the writing process, see
 *                                   sweepTemp); renamed into originals/ or removed
 * Nothing here ever uses a client's file name as a path.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { currentProcess, processAlive, type ProcessIdentity } from '../../models/process-identity';

const SHA256 = /^[0-9a-f]{64}$/;
const DERIVED_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** A file streamed into tmp/: its path, content hash, size and first bytes (for type sniffing). */
export interface TempFile {
  tmpPath: string;
  sha256: string;
  size: number;
  head: Buffer;
}

/** An uploaded file in tmp/, with the client's name decoded and sanitised for display only. */
export interface UploadedFile extends TempFile {
  originalName: string;
}

export class FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get tmpDir(): string {
    return path.join(this.root, 'tmp');
  }

  /** A fresh, server-chosen path in tmp/, named after this process (its PID and start time). */
  tmpPath(): string {
    const me = currentProcess();
    return path.join(this.tmpDir, `${me.pid}-${me.start ?? 'x'}-${randomUUID()}.part`);
  }

  originalPath(sha256: string): string {
    assertSha(sha256);
    return path.join(this.root, 'originals', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  derivedPath(sha256: string, name: string): string {
    assertSha(sha256);
    if (!DERIVED_NAME.test(name)) throw new Error(`invalid derived file name: ${name}`);
    return path.join(this.root, 'derived', sha256.slice(0, 2), sha256.slice(2, 4), sha256, name);
  }

  /**
   * Streams `source` into a new tmp file while hashing it. On any failure the tmp file is removed
   * and the error rethrown. Size limits are the caller's (multer stops the stream at the limit).
   */
  async writeTemp(source: Readable): Promise<TempFile> {
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmpPath = this.tmpPath();
    const hash = createHash('sha256');
    let size = 0;
    const headParts: Buffer[] = [];
    let headLen = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        if (headLen < HEAD_BYTES) {
          headParts.push(chunk.subarray(0, HEAD_BYTES - headLen));
          headLen += Math.min(chunk.length, HEAD_BYTES - headLen);
        }
        cb(null, chunk);
      },
    });
    try {
      await pipeline(source, tap, fs.createWriteStream(tmpPath, { flags: 'wx', mode: 0o640 }));
    } catch (e) {
      await this.removeTemp(tmpPath);
      throw e;
    }
    return { tmpPath, sha256: hash.digest('hex'), size, head: Buffer.concat(headParts) };
  }

  /**
   * Moves a tmp file to its original path (atomic rename on the same file system). When the original
   * already exists (same bytes, same hash) the tmp file is simply removed. Returns true when this
   * call created the original.
   */
  async commitTemp(tmpPath: string, sha256: string): Promise<boolean> {
    this.assertTmp(tmpPath);
    const dest = this.originalPath(sha256);
    if (await exists(dest)) {
      await this.removeTemp(tmpPath);
      return false;
    }
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    await fsp.rename(tmpPath, dest);
    return true;
  }

  /** Removes a tmp file; missing files are fine. */
  async removeTemp(tmpPath: string): Promise<void> {
    this.assertTmp(tmpPath);
    await fsp.rm(tmpPath, { force: true });
  }

  /** Removes an original and its derived files (only when no row refers to it any more). */
  async removeOriginal(sha256: string): Promise<void> {
    await fsp.rm(this.originalPath(sha256), { force: true });
    await fsp.rm(path.dirname(this.derivedPath(sha256, 'x')), { recursive: true, force: true });
  }

  readOriginal(sha256: string): Promise<Buffer> {
    return fsp.readFile(this.originalPath(sha256));
  }

  hasOriginal(sha256: string): Promise<boolean> {
    return exists(this.originalPath(sha256));
  }

  /** Reads a derived file, or undefined when it has not been made yet. */
  async readDerived(sha256: string, name: string): Promise<Buffer | undefined> {
    try {
      return await fsp.readFile(this.derivedPath(sha256, name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  /** Writes a derived file atomically (tmp + rename), so readers never see half a file. */
  async writeDerived(sha256: string, name: string, data: Buffer): Promise<void> {
    const dest = this.derivedPath(sha256, name);
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmp = this.tmpPath();
    try {
      await fsp.writeFile(tmp, data, { flag: 'wx' });
      await fsp.rename(tmp, dest);
    } finally {
      await fsp.rm(tmp, { force: true });
    }
  }

  /** Every original's hash on disk (for the sanity check that compares disk with the database). */
  async listOriginals(): Promise<string[]> {
    const base = path.join(this.root, 'originals');
    const out: string[] = [];
    for (const a of await readdirSafe(base)) {
      for (const b of await readdirSafe(path.join(base, a))) {
        for (const f of await readdirSafe(path.join(base, a, b))) if (SHA256.test(f)) out.push(f);
      }
    }
    return out;
  }

  /** Files currently in tmp/ (uploads in flight or left by a crash). */
  listTemp(): Promise<string[]> {
    return readdirSafe(this.tmpDir);
  }

  /**
   * Removes tmp files left by a crash: every file whose writing process is gone (several processes —
   * servers, workers, the CLI — may share UPLOAD_DIR, so a live writer's files stay), and any other
   * file older than `olderThanMs` (names this store did not make, or made by an older version).
   */
  async sweepTemp(olderThanMs: number): Promise<number> {
    let removed = 0;
    const now = Date.now();
    for (const f of await this.listTemp()) {
      const p = path.join(this.tmpDir, f);
      try {
        const writer = tmpWriter(f);
        const leftover = writer ? !processAlive(writer) : now - (await fsp.stat(p)).mtimeMs > olderThanMs;
        if (leftover) {
          await fsp.rm(p, { force: true });
          removed++;
        }
      } catch {
        // gone meanwhile
      }
    }
    return removed;
  }

  private assertTmp(p: string): void {
    if (path.dirname(path.resolve(p)) !== this.tmpDir) throw new Error('not a tmp path of this store');
  }
}

const TMP_NAME = /^(\d+)-(\d+|x)-[0-9a-f-]{36}\.part$/;

/** The process that wrote a tmp file, from its name (undefined for names this store did not make). */
function tmpWriter(name: string): ProcessIdentity | undefined {
  const m = TMP_NAME.exec(name);
  if (!m) return undefined;
  return { pid: Number(m[1]), start: m[2] === 'x' ? null : m[2]!, boot: null };
}

/** How many leading bytes writeTemp keeps for type sniffing. */
export const HEAD_BYTES = 4096;

function assertSha(sha256: string): void {
  if (!SHA256.test(sha256)) throw new Error('invalid sha256');
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.access(p);
    return true;
  } catch {
    return false;
  }
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
