/**
 * What hostile uploads do to the running service: `npm run bench:bombs [-- options]`.
 *
 *   --root DIR          the checkout whose dist/ is run (default: this one; e.g. an older build, for
 *                       before/after figures)
 *   --only a,b          bombs to run (default all): deflate, image, mediabox, nested, objects, ops,
 *                       png-header, plus `text` (a good text PDF, for reference)
 *   --max-seconds 240   give up waiting on one document after this long
 *
 * Starts the real service (`node DIR/dist/server/main.js`) on a fresh embedded database and uploads each
 * crafted file (test/helpers/hostile-files.ts) over HTTP, one after the other. While a file is read,
 * `GET /healthz` is asked every 20 ms (one request at a time, keep-alive) and the resident memory of
 * the service's whole process tree (server, PDF sandbox children, pdftoppm, OCR) is sampled every
 * 100 ms. Per file it prints: the upload's answer, the document's end state and reason, the time to
 * that end, the slowest and 99th-percentile /healthz answer, answers over 100 ms, and peak memory.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  deeplyNestedPdf,
  deflateBombPdf,
  hugeImagePdf,
  hugeMediaBoxPdf,
  manyObjectsPdf,
  operatorFloodPdf,
} from '../test/helpers/hostile-files';
import { makeHugePngHeader } from '../test/intake/make-pdf';
import { treeRss } from './process-tree';
import { BENCH_USER, freePort, login, mb, seedStaffUser, startService } from './running-service';

const HERE = path.resolve(__dirname, '..');

const BOMBS: Record<string, { name: string; make: () => Buffer }> = {
  text: {
    name: 'good text PDF (doc-001)',
    make: () => readFileSync(path.join(HERE, '../shared/corpus/dev/docs/doc-001.pdf')),
  },
  deflate: { name: 'deflate bomb: 1 GiB of zeros in a content stream', make: () => deflateBombPdf() },
  image: { name: '15000×15000 embedded image', make: () => hugeImagePdf(15000) },
  mediabox: { name: '14400 pt (5 m) MediaBox, vector page', make: () => hugeMediaBoxPdf(14400) },
  nested: { name: 'arrays nested 100,000 deep', make: () => deeplyNestedPdf(100_000) },
  objects: { name: '500,000 objects', make: () => manyObjectsPdf(500_000) },
  ops: { name: '3 million path operators on a page', make: () => operatorFloodPdf(3_000_000) },
  'png-header': { name: 'PNG header claiming 30000×30000', make: () => makeHugePngHeader(30000, 30000) },
};

/** /healthz once over a keep-alive agent; returns the answer's latency in ms. */
function probe(base: string, agent: http.Agent): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/healthz`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - t0));
    });
    req.on('error', reject);
  });
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function main(argv: string[]): Promise<void> {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      root: { type: 'string' },
      only: { type: 'string' },
      'max-seconds': { type: 'string', default: '240' },
    },
  });
  const root = path.resolve(o.root ?? HERE);
  const maxMs = Number(o['max-seconds']) * 1000;
  const names = o.only ? o.only.split(',') : Object.keys(BOMBS);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dsv-bombs-bench-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    DATA_DIR: path.join(dataDir, 'data'),
    UPLOAD_DIR: path.join(dataDir, 'uploads'),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    DEMO_ON_EMPTY: '0',
  };
  seedStaffUser(root, env, 'BOMB');
  const service = await startService(root, env);
  const pid = service.proc.pid ?? 0;
  const base = `http://127.0.0.1:${port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  console.log(
    `bombs bench: ${root}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  try {
    const s = await login(base, BENCH_USER.username, BENCH_USER.password);
    for (const key of names) {
      const bomb = BOMBS[key];
      if (!bomb) throw new Error(`unknown bomb ${key}`);
      const data = Buffer.concat([
        bomb.make(),
        Buffer.from(key === 'png-header' ? '' : `\n%${Date.now()}\n`),
      ]);
      const before = treeRss(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, treeRss(pid))), 100);
      const latencies: number[] = [];
      let probing = true;
      const prober = (async () => {
        while (probing) {
          latencies.push(await probe(base, agent));
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const started = performance.now();
      const form = new FormData();
      form.append(
        'files',
        new Blob([new Uint8Array(data)]),
        `${key}.${key === 'png-header' ? 'png' : 'pdf'}`,
      );
      const up = await fetch(`${base}/api/documents`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        body: form,
      });
      const upBody = (await up.json()) as {
        code?: string;
        message?: string;
        documents?: Array<{ id?: string }>;
      };
      let outcome = `upload ${up.status} ${upBody.code ?? ''} ${upBody.message ?? ''}`.trim();
      const id = upBody.documents?.[0]?.id;
      if (up.status === 202 && id) {
        for (;;) {
          const res = await fetch(`${base}/api/documents/${id}`, { headers: { cookie: s.cookie } });
          const doc = (await res.json()) as {
            status: string;
            failure?: { code: string; reason: string } | null;
            progress?: { stage?: string };
          };
          if (doc.status !== 'queued' && doc.status !== 'processing') {
            outcome = `${doc.status}${doc.failure ? ` ${doc.failure.code} ${doc.failure.reason}` : ''}`;
            break;
          }
          if (performance.now() - started > maxMs) {
            outcome = `still ${doc.status} (${doc.progress?.stage ?? '?'}) after ${maxMs / 1000} s`;
            break;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      const seconds = (performance.now() - started) / 1000;
      probing = false;
      await prober;
      clearInterval(sampler);
      const slow = latencies.filter((l) => l > 100).length;
      console.log(
        `${bomb.name} (${mb(data.length)} upload): ${outcome}\n` +
          `   ${seconds.toFixed(1)} s to the end; /healthz ${latencies.length} answers, p99 ${percentile(latencies, 99).toFixed(0)} ms, slowest ${Math.max(0, ...latencies).toFixed(0)} ms, ${slow} over 100 ms; memory ${mb(before)} → peak ${mb(peak)}`,
      );
    }
  } finally {
    agent.destroy();
    service.proc.kill('SIGTERM');
    await new Promise((r) => service.proc.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
