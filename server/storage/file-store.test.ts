/**
 * Crash leftovers in UPLOAD_DIR/tmp: removed at start when their writing process is gone (without
 * waiting an hour), kept while their writer is alive (another server or worker sharing UPLOAD_DIR).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FileStore } from './file-store';
import { processStartTime } from '../../models/process-identity';

const HOUR = 3600_000;
const uuid = '0b5f5c3e-8f1a-4c39-9d7e-1a2b3c4d5e6f';

describe('FileStore.sweepTemp', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-store-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('removes files of dead writers and of PIDs reused by another process; keeps live writers’ files', async () => {
    const store = new FileStore(root);
    const inFlight = await store.writeTemp(Readable.from([Buffer.from('uploading now')]));
    expect(path.basename(inFlight.tmpPath)).toMatch(new RegExp(`^${process.pid}-\\d+-[0-9a-f-]{36}\\.part$`));

    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await new Promise((r) => other.once('spawn', r));
      const otherStart = processStartTime(other.pid!)!;
      const put = (name: string, ageMs = 0) => {
        const p = path.join(store.tmpDir, name);
        fs.writeFileSync(p, 'x');
        const t = new Date(Date.now() - ageMs);
        fs.utimesSync(p, t, t);
        return name;
      };
      const deadWriter = put(`${dead}-12345-${uuid}.part`); // a crash a second ago
      const reusedPid = put(`${other.pid}-${Number(otherStart) - 500}-${uuid}.part`);
      const liveWriter = put(`${other.pid}-${otherStart}-${uuid}.part`);
      const oldUnnamed = put(`${uuid}.part`, 2 * HOUR);
      const newUnnamed = put(`a${uuid.slice(1)}.part`);

      expect(await store.sweepTemp(HOUR)).toBe(3);
      const left = fs.readdirSync(store.tmpDir).sort();
      expect(left).toEqual([path.basename(inFlight.tmpPath), liveWriter, newUnnamed].sort());
      for (const gone of [deadWriter, reusedPid, oldUnnamed]) expect(left).not.toContain(gone);
    } finally {
      other.kill('SIGKILL');
    }
  });
});
