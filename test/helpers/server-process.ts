/**
 * Runs the real server (server/main.ts) as a child process, for start-up tests: node itself with
 * tsx as its loader, so signals reach the server as they do in production. Through the tsx command
 * a SIGTERM is relayed, and when the server's loop is busy for 60 ms (parsing a demo document) tsx
 * kills it instead (exit 143): a CI run failed so.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  output: () => string;
  stop(): Promise<number | null>;
}

export function runScript(script: string, args: string[], env: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', ...env },
  });
}

/** Resolves when the server prints its address; rejects if it exits first. */
export function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = runScript('server/main.ts', [], { PORT: '0', HOST: '127.0.0.1', ...env });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /http:\/\/localhost:(\d+)\//.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.on('data', (x: Buffer) => (out += x.toString()));
        resolve({
          child,
          port: Number(m[1]),
          output: () => out,
          stop: () =>
            new Promise((res) => {
              if (child.exitCode !== null) return res(child.exitCode);
              child.once('exit', (code) => res(code));
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** Runs a script to completion, returning its exit code and output. */
export function runToEnd(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = runScript(script, args, env);
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}
