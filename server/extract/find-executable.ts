/** Finds a program on PATH (or in /usr/bin, /bin) once per process; null when it is not installed. */
import { existsSync } from 'node:fs';
import path from 'node:path';

const found = new Map<string, string | null>();

export function findExecutable(name: string): string | null {
  if (!found.has(name)) {
    const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).concat(['/usr/bin', '/bin']);
    found.set(name, dirs.map((d) => path.join(d, name)).find((p) => existsSync(p)) ?? null);
  }
  return found.get(name) ?? null;
}
