/**
 * The DATA_DIR owner lock: a live owner refuses others; a dead owner's lock, or one whose PID now
 * belongs to another live process, is taken over; processes racing to take over one stale lock end
 * with exactly one owner. The race runs real processes (the two modules transpiled to plain
 * JavaScript, so each contender starts in a few tens of milliseconds and they really overlap).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import ts from 'typescript';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock';
import { formatIdentity, processStartTime } from './process-identity';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-lock-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function freshDir(): string {
  const d = path.join(tmp, `d${n++}`);
  fs.mkdirSync(d);
  return d;
}

/** A PID that existed and has exited (its lock would be stale). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid;
}

function bootId(): string {
  return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
}

function sleeper(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
}

describe('DATA_DIR owner lock', () => {
  test('writes PID, start time and boot; released on release()', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    const text = fs.readFileSync(path.join(dir, 'owner.lock'), 'utf8');
    expect(text.trim().split(' ')).toHaveLength(3);
    expect(text.startsWith(`${process.pid} `)).toBe(true);
    lock.release();
    expect(fs.existsSync(path.join(dir, 'owner.lock'))).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('a live owner refuses; its lock is untouched', async () => {
    const child = sleeper();
    try {
      await new Promise((r) => child.once('spawn', r));
      const dir = freshDir();
      const text = `${formatIdentity({ pid: child.pid!, start: processStartTime(child.pid!), boot: bootId() })}\n`;
      fs.writeFileSync(path.join(dir, 'owner.lock'), text);
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(fs.readFileSync(path.join(dir, 'owner.lock'), 'utf8')).toBe(text);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('a dead owner (PID gone) and an old pid-only lock of a dead process are taken over', () => {
    for (const content of [`${deadPid()} 12345 -\n`, `${deadPid()}\n`, '', 'garbage\n']) {
      const dir = freshDir();
      fs.writeFileSync(path.join(dir, 'owner.lock'), content);
      const lock = acquireDataDirLock(dir);
      expect(fs.readFileSync(path.join(dir, 'owner.lock'), 'utf8').startsWith(`${process.pid} `)).toBe(true);
      lock.release();
    }
  });

  test('a stale lock whose PID now belongs to another live process does not block start-up', async () => {
    const child = sleeper();
    try {
      await new Promise((r) => child.once('spawn', r));
      const start = processStartTime(child.pid!);
      expect(start).not.toBeNull();
      const dir = freshDir();
      // same PID, another start time: the process that wrote the lock is not this one
      fs.writeFileSync(path.join(dir, 'owner.lock'), `${child.pid} ${Number(start) - 1000} -\n`);
      acquireDataDirLock(dir).release();
      // same PID and start time but written in an earlier boot
      fs.writeFileSync(
        path.join(dir, 'owner.lock'),
        `${child.pid} ${start} 00000000-0000-0000-0000-000000000000\n`,
      );
      acquireDataDirLock(dir).release();
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('a stale lock being taken over by another live process is left to it: no second owner', async () => {
    const child = sleeper();
    try {
      await new Promise((r) => child.once('spawn', r));
      const live = `${formatIdentity({ pid: child.pid!, start: processStartTime(child.pid!), boot: bootId() })}\n`;
      const dir = freshDir();
      const lock = path.join(dir, 'owner.lock');
      const stale = `${deadPid()} 1 -\n`;
      fs.writeFileSync(lock, stale);
      // the live process holds the takeover token of exactly this stale content…
      const token = `${lock}.takeover-${createHash('sha256').update(stale).digest('hex').slice(0, 16)}`;
      fs.writeFileSync(token, live);
      // …and finishes 300 ms later: its own lock in place, token removed
      const finisher = spawn(process.execPath, [
        '-e',
        `const fs = require('fs'); setTimeout(() => { fs.writeFileSync(${JSON.stringify(`${lock}.new`)}, ${JSON.stringify(live)});
         fs.renameSync(${JSON.stringify(`${lock}.new`)}, ${JSON.stringify(lock)}); fs.rmSync(${JSON.stringify(token)}); }, 300);`,
      ]);
      await new Promise((r) => finisher.once('spawn', r));
      const t0 = Date.now();
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
      await new Promise((r) => finisher.once('exit', r));
      expect(fs.readFileSync(lock, 'utf8')).toBe(live);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('processes racing to take over one stale lock: exactly one owner, every time', async () => {
    // The two modules as plain CommonJS, so contenders start fast and overlap.
    const js = path.join(tmp, 'js');
    fs.mkdirSync(js, { recursive: true });
    for (const m of ['data-dir-lock', 'process-identity']) {
      const src = fs.readFileSync(path.join(__dirname, `${m}.ts`), 'utf8');
      const out = ts.transpileModule(src, {
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
        },
      });
      fs.writeFileSync(path.join(js, `${m}.js`), out.outputText);
    }
    const contender = `
      const { acquireDataDirLock } = require(${JSON.stringify(path.join(js, 'data-dir-lock.js'))});
      const goAt = Number(process.argv[2]);
      while (Date.now() < goAt) {}
      let result;
      try {
        acquireDataDirLock(process.argv[1]);
        result = 'owner';
      } catch (e) {
        result = e.code === 'DATA_DIR_LOCKED' ? 'locked' : 'error ' + e.message;
      }
      process.stdout.write(result + '\\n');
      // hold (the owner keeps its lock) until the test has every answer
      process.stdin.on('data', () => {});
      process.stdin.on('end', () => process.exit(0));`;
    const TRIALS = 3;
    const CONTENDERS = 6;
    for (let trial = 0; trial < TRIALS; trial++) {
      const dir = freshDir();
      fs.writeFileSync(path.join(dir, 'owner.lock'), `${deadPid()} 1 -\n`);
      const goAt = Date.now() + 800;
      const children = Array.from({ length: CONTENDERS }, () =>
        spawn(process.execPath, ['-e', contender, dir, String(goAt)]),
      );
      const exited = children.map((c) => new Promise((r) => c.once('exit', r)));
      const results = await Promise.all(
        children.map(
          (c) =>
            new Promise<string>((resolve) => {
              let out = '';
              const onData = (b: Buffer) => {
                out += b.toString();
                if (out.includes('\n')) resolve(out.trim());
              };
              c.stdout.on('data', onData);
              c.stderr.on('data', onData);
              c.once('exit', () => resolve(out.trim()));
            }),
        ),
      );
      for (const c of children) c.stdin.end();
      await Promise.all(exited);
      expect(results.filter((r) => r === 'owner')).toHaveLength(1);
      expect(results.filter((r) => r === 'locked')).toHaveLength(CONTENDERS - 1);
      // nothing left behind: no draft or takeover files, and the owner removed its lock on exit
      expect(fs.readdirSync(dir)).toEqual([]);
    }
  });
});
