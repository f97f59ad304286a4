/**
 * Service memory and throughput under a batch upload: `npm run bench:intake [-- options]`.
 *
 *   --docs 50           documents per batch (taken round-robin from the corpus; default 50)
 *   --batches 3         batches, one after the other (default 3)
 *   --engine paddle     OCR engine of the service (default: the configured OCR_ENGINE)
 *   --corpus DIR        corpus folder holding docs/ (default ../shared/corpus/dev)
 *
 * Starts the real service (`node dist/server/main.js`) on a fresh embedded database, creates a school
 * account with the admin CLI, uploads each batch over HTTP and waits until every document is parsed,
 * needs review or failed. Every copy of a corpus file gets a batch tag appended after its end (a PDF
 * comment line, or bytes after a JPEG's end marker), so each upload is a new document with new content.
 * While the service works, the resident memory of its whole process tree (server, worker threads, OCR
 * children) is sampled every 250 ms. Per batch it prints documents, OCR pages, wall time, pages per
 * minute, the CPU seconds the service's process tree spent (and the pages per minute they would allow
 * on a machine of its own: on a shared machine wall time depends on the neighbours), peak and
 * end-of-batch memory; "flat across batches" means the peaks do not climb.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sniffFileType } from '../server/extract/file-header';
import { treeCpuSeconds, treeRss } from './process-tree';
import {
  BENCH_USER,
  freePort,
  login,
  mb,
  seedStaffUser,
  startService,
  type Session,
} from './running-service';
import { PROJECT_ROOT } from './project-root';

const ROOT = PROJECT_ROOT;

/** A copy of the file with different bytes but the same content for any reader. */
function tagged(buf: Buffer, tag: string): Buffer {
  return Buffer.concat([buf, Buffer.from(sniffFileType(buf) === 'pdf' ? `\n%${tag}\n` : tag)]);
}

async function uploadOne(s: Session, name: string, data: Buffer): Promise<string> {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(data)]), name);
  const res = await fetch(`${s.base}/api/documents`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: form,
  });
  const body = (await res.json()) as { documents?: Array<{ id: string }> };
  const id = body.documents?.[0]?.id;
  if (res.status !== 202 || !id) throw new Error(`upload ${name}: ${res.status} ${JSON.stringify(body)}`);
  return id;
}

interface DocState {
  status: string;
  progress?: { pageCount: number | null };
  extraction?: { form?: string; pages?: number } | null;
}

async function documentState(s: Session, id: string): Promise<DocState> {
  const res = await fetch(`${s.base}/api/documents/${id}`, { headers: { cookie: s.cookie } });
  if (!res.ok) throw new Error(`GET document ${id}: ${res.status}`);
  return (await res.json()) as DocState;
}

async function main(argv: string[]): Promise<void> {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      docs: { type: 'string', default: '50' },
      batches: { type: 'string', default: '3' },
      engine: { type: 'string' },
      corpus: { type: 'string' },
    },
  });
  const perBatch = Number(o.docs);
  const batches = Number(o.batches);
  const corpus = path.resolve(o.corpus ?? path.join(ROOT, '../shared/corpus/dev'));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dsv-intake-bench-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: path.join(dataDir, 'data'),
    UPLOAD_DIR: path.join(dataDir, 'uploads'),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    ...(o.engine ? { OCR_ENGINE: o.engine } : {}),
  };
  seedStaffUser(ROOT, env, 'BENCH');

  const files = readdirSync(path.join(corpus, 'docs'))
    .filter((f) => /\.(pdf|jpe?g|png)$/i.test(f))
    .sort()
    .map((f) => ({ name: f, data: readFileSync(path.join(corpus, 'docs', f)) }));
  const service = await startService(ROOT, env);
  const pid = service.proc.pid ?? 0;
  console.log(
    `intake bench: ${batches} batches of ${perBatch} documents, OCR engine ${env.OCR_ENGINE ?? '(configured)'}, OCR_WORKERS ${env.OCR_WORKERS ?? '(cores)'}, ${os.cpus().length} cores`,
  );
  console.log(`service started: ${mb(treeRss(pid))} resident before the first upload`);
  try {
    const session = await login(`http://127.0.0.1:${port}`, BENCH_USER.username, BENCH_USER.password);
    for (let b = 1; b <= batches; b++) {
      let peak = 0;
      const cpuBefore = treeCpuSeconds(pid);
      const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), 250);
      const started = performance.now();
      const ids: string[] = [];
      for (let i = 0; i < perBatch; i++) {
        const f = files[i % files.length];
        if (!f) break;
        ids.push(await uploadOne(session, f.name, tagged(f.data, `bench-${b}-${i}`)));
      }
      const states = new Map<string, DocState>();
      for (;;) {
        for (const id of ids) {
          const prev = states.get(id);
          if (prev && prev.status !== 'queued' && prev.status !== 'processing') continue;
          states.set(id, await documentState(session, id));
        }
        if ([...states.values()].every((s) => s.status !== 'queued' && s.status !== 'processing')) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const seconds = (performance.now() - started) / 1000;
      const cpuSeconds = treeCpuSeconds(pid) - cpuBefore;
      clearInterval(timer);
      peak = Math.max(peak, treeRss(pid));
      const all = [...states.values()];
      const count = (st: string) => all.filter((s) => s.status === st).length;
      const ocrPages = all
        .filter((s) => s.extraction?.form && s.extraction.form !== 'text_pdf')
        .reduce((n, s) => n + (s.progress?.pageCount ?? s.extraction?.pages ?? 1), 0);
      console.log(
        `batch ${b}: ${ids.length} documents (parsed ${count('parsed')}, needs_review ${count('needs_review')}, failed ${count('failed')}), ${ocrPages} OCR pages, ${seconds.toFixed(0)} s, ${((60 * ocrPages) / seconds).toFixed(1)} OCR pages/min; service CPU ${cpuSeconds.toFixed(0)} s (${(cpuSeconds / Math.max(1, ocrPages)).toFixed(1)} s per OCR page, all documents' work included: ${((60 * ocrPages * os.cpus().length) / cpuSeconds).toFixed(1)} pages/min if the ${os.cpus().length} cores were ours alone); service memory peak ${mb(peak)} (target < 2 GB), at the end ${mb(treeRss(pid))}`,
      );
    }
  } finally {
    service.proc.kill('SIGTERM');
    await new Promise((r) => service.proc.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
