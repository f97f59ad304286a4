/**
 * OCR a corpus once, re-parse it many times: `tsx bench/ocr-cache.ts read CORPUS CACHE_DIR` saves each
 * scan's and photo's recognised text (DocumentText, what the parsers take) as CACHE_DIR/<id>.json;
 * `tsx bench/ocr-cache.ts parse CACHE_DIR OUT_DIR` runs today's parsers over the saved text and writes
 * OUT_DIR/<id>.json for `score-extraction.mjs CORPUS --outputs OUT_DIR`. Parser changes can then be
 * scored on scans without another OCR run of the whole corpus (the machine is shared).
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from '../parsers/registry';
import type { DocumentText } from '../parsers/types';
import { readDocumentText } from '../server/extract/extract-document';
import { createOcrProvider } from '../server/extract/ocr/index';

async function read(corpus: string, cache: string, only: string[]): Promise<void> {
  await mkdir(cache, { recursive: true });
  const truthDir = path.join(corpus, 'truth');
  const ocr = createOcrProvider();
  try {
    for (const f of (await readdir(truthDir)).filter((n) => n.endsWith('.json')).sort()) {
      const id = f.replace(/\.json$/, '');
      if (only.length && !only.includes(id)) continue;
      const truth = JSON.parse(await readFile(path.join(truthDir, f), 'utf8')) as { form?: string };
      if (truth.form === 'text_pdf') continue;
      const doc = (await readdir(path.join(corpus, 'docs'))).find((d) => d.startsWith(`${id}.`));
      if (!doc) continue;
      const started = Date.now();
      const text = await readDocumentText(await readFile(path.join(corpus, 'docs', doc)), { ocr });
      await writeFile(path.join(cache, `${id}.json`), JSON.stringify(text));
      process.stdout.write(
        `${id} ${text.pages.length} page(s) ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    }
  } finally {
    await ocr.close();
  }
}

async function parse(cache: string, out: string): Promise<void> {
  await mkdir(out, { recursive: true });
  for (const f of (await readdir(cache)).filter((n) => n.endsWith('.json')).sort()) {
    const text = JSON.parse(await readFile(path.join(cache, f), 'utf8')) as DocumentText;
    await writeFile(path.join(out, f), JSON.stringify(parseDocument(text) ?? { kind: null }));
  }
}

const [cmd, a, b, ...rest] = process.argv.slice(2);
const run = cmd === 'read' && a && b ? read(a, b, rest) : cmd === 'parse' && a && b ? parse(a, b) : null;
if (!run) {
  process.stderr.write(
    '用法：tsx bench/ocr-cache.ts read CORPUS CACHE_DIR [ID …] | parse CACHE_DIR OUT_DIR\n',
  );
  process.exitCode = 2;
} else {
  run.catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  });
}
