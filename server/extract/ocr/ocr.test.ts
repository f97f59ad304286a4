/**
 * OCR on real corpus pages. Kept to a few representative cases: each page costs seconds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../errors';
import { createOcrProvider } from './index';
import { PaddleEngine } from './paddle-engine';
import { TesseractEngine } from './tesseract-engine';
import type { OcrProvider } from '../ocr-provider';

const ROOT = path.resolve(__dirname, '../../..');
const DOCS = path.resolve(ROOT, '../shared/corpus/dev/docs');
const compact = (s: string) => s.replace(/\s+/g, '');
// A page takes ~3 s on an idle machine; shared CI machines can be ten times slower.
jest.setTimeout(180_000);

/**
 * Preload (node --require) that makes every outbound network attempt fail loudly, in the main thread
 * and in worker threads. Local IPC (unix sockets, e.g. tsx's compile server) never leaves the machine.
 */
const BLOCK_NETWORK = `
const net = require('node:net');
const dns = require('node:dns');
const tls = require('node:tls');
function refuse(what) {
  process.stderr.write('NETWORK_ATTEMPT ' + what + '\\n');
  throw new Error('network blocked by test: ' + what);
}
const isLocalIpc = (a) =>
  typeof a === 'string' || (Array.isArray(a) ? isLocalIpc(a[0]) : !!(a && typeof a.path === 'string'));
const socketConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  return isLocalIpc(args[0]) ? socketConnect.apply(this, args) : refuse('net.Socket.connect');
};
const netConnect = net.connect;
net.connect = net.createConnection = function (...args) {
  return isLocalIpc(args[0]) ? netConnect.apply(this, args) : refuse('net.connect');
};
tls.connect = () => refuse('tls.connect');
dns.lookup = () => refuse('dns.lookup');
dns.resolve = () => refuse('dns.resolve');
dns.promises.lookup = () => refuse('dns.promises.lookup');
globalThis.fetch = () => refuse('fetch');
`;

/** OCRs doc-002 page 1 in a child process whose network is cut, and checks the text. */
function expectOfflineOcr(engine: 'tesseract' | 'paddle'): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dsv-offline-'));
  const preload = path.join(dir, 'block-network.cjs');
  writeFileSync(preload, BLOCK_NETWORK);
  const script = path.join(__dirname, 'testing/ocr-page.ts');
  const args = ['--require', preload, '--import', 'tsx', script, path.join(DOCS, 'doc-002.pdf'), '1', engine];
  // Also cut the network at the kernel level when this machine allows it (root, user namespaces).
  const unshare = spawnSync('unshare', ['-n', 'true']).status === 0;
  // The preload reaches PaddleOCR's child process too: NODE_OPTIONS is inherited by fork().
  const env = { ...process.env, NODE_OPTIONS: `--require ${preload}` };
  const run = unshare
    ? spawnSync('unshare', ['-n', process.execPath, ...args], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
        timeout: 150_000,
      })
    : spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 150_000 });

  // Control: the same preload does stop a real request.
  const control = spawnSync(
    process.execPath,
    ['--require', preload, '-e', "require('node:http').get('http://example.org/')"],
    { encoding: 'utf8', timeout: 10_000 },
  );
  rmSync(dir, { recursive: true, force: true });

  expect(control.stderr).toContain('NETWORK_ATTEMPT');

  expect(run.stderr).not.toContain('NETWORK_ATTEMPT');
  expect(run.status).toBe(0);
  expect(compact((JSON.parse(run.stdout) as { text: string }).text)).toContain('QT2024W92700');
}

describe('OCR with tesseract.js', () => {
  let provider: OcrProvider;
  let engine: TesseractEngine;

  beforeAll(() => {
    engine = new TesseractEngine({ workers: 1 });
    provider = createOcrProvider({ engine: 'tesseract', workers: 1 });
  });
  afterAll(async () => {
    await provider.close();
    await engine.close();
  });

  it('When a scanned report page is read, then its key strings are found with boxes on the page', async () => {
    const page = await provider.recognisePdfPage(readFileSync(path.join(DOCS, 'doc-002.pdf')), 1);

    const text = compact(page.lines.map((l) => l.text).join('\n'));
    expect(page).toMatchObject({ page: 1, source: 'ocr' });
    expect(text).toContain('QT2024W92700');
    expect(text).toContain('江州锦程服饰有限公司');
    expect(text).toContain('JC24-D07');
    for (const line of page.lines) {
      expect(line.box).not.toBeNull();
      const { x0, y0, x1, y1 } = line.box!;
      expect(0 <= x0 && x0 <= x1 && x1 <= 1 && 0 <= y0 && y0 <= y1 && y1 <= 1).toBe(true);
      expect(line.confidence).toBeGreaterThanOrEqual(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('When an image is corrupt, then a clear AppError is thrown and the same worker reads the next page', async () => {
    const png = await import('../image-prep').then((m) =>
      m.prepareImage(readFileSync(path.join(DOCS, 'doc-008.jpg'))),
    );
    const corrupt = Buffer.concat([png.png.subarray(0, 64), Buffer.alloc(256, 0xab)]);

    await expect(engine.recognise(corrupt, 1)).rejects.toBeInstanceOf(AppError);
    await expect(engine.recognise(Buffer.from('garbage'), 1)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    const next = await engine.recognise(png.png, 2);

    expect(next.page).toBe(2);
    expect(compact(next.lines.map((l) => l.text).join(''))).toContain('ZH240650443');
    expect(engine.workersCreated).toBeLessThanOrEqual(2);
  });

  it('When the network is blocked, then OCR of a scanned page still works', () => {
    expectOfflineOcr('tesseract');
  });
});

describe('OCR with PaddleOCR', () => {
  let engine: PaddleEngine;
  let provider: OcrProvider;

  beforeAll(() => {
    engine = new PaddleEngine({ processes: 1, threadsPerProcess: 1 });
    provider = createOcrProvider({ engine: 'paddle', workers: 1 });
  });
  afterAll(async () => {
    await provider.close();
    await engine.close();
  });

  it('When a scanned report cover is read, then its number, sample, inspection type and lab are found, with boxes', async () => {
    const page = await provider.recognisePdfPage(readFileSync(path.join(DOCS, 'doc-004.pdf')), 1);

    const text = compact(page.lines.map((l) => l.text).join('\n'));
    expect(page).toMatchObject({ page: 1, source: 'ocr' });
    expect(text).toContain('WT2024-2599');
    expect(text).toContain('学生礼服套装');
    expect(text).toContain('委托抽样检验');
    expect(text).toContain('江州市产品质量监督检验院');
    for (const line of page.lines) {
      expect(line.box).not.toBeNull();
      const { x0, y0, x1, y1 } = line.box!;
      expect(0 <= x0 && x0 <= x1 && x1 <= 1 && 0 <= y0 && y0 <= y1 && y1 <= 1).toBe(true);
      expect(line.words?.length).toBeGreaterThan(0);
    }
  });

  it('When an image is corrupt, then a clear AppError is thrown and the engine reads the next page', async () => {
    await expect(engine.recognise(Buffer.from('garbage'), 1)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    const png = await import('../image-prep').then((m) =>
      m.prepareImage(readFileSync(path.join(DOCS, 'doc-008.jpg'))),
    );
    const next = await engine.recognise(png.png, 2);

    expect(next.page).toBe(2);
    expect(compact(next.lines.map((l) => l.text).join(''))).toContain('ZH240650443');
  });

  it('When a scanned page lies on its side (turned a quarter clockwise), then it is turned upright and read', async () => {
    const sharp = (await import('sharp')).default;
    const { prepareImage } = await import('../image-prep');
    const { renderPdfPage } = await import('../render-pdf');
    const rendered = await renderPdfPage(readFileSync(path.join(DOCS, 'doc-004.pdf')), 1);
    const upright = await prepareImage(rendered.png, { dpi: rendered.dpi });
    // the page as a scanner gives it when the sheet went in sideways: text lines run top to bottom
    const sideways = await sharp(upright.png).rotate(90).png().toBuffer();

    const page = await engine.recognise(sideways, 1);

    // vertical lines: turned a quarter clockwise, which leaves it upside down: half a turn more
    expect(page.rotation).toBe(270);
    const text = compact(page.lines.map((l) => l.text).join('\n'));
    expect(text).toContain('WT2024-2599');
    expect(text).toContain('委托抽样检验');
    // boxes refer to the upright page: lines are wide, not tall
    const wide = page.lines.filter((l) => l.box.x1 - l.box.x0 > l.box.y1 - l.box.y0).length;
    expect(wide).toBeGreaterThan(page.lines.length / 2);
  });

  it('When the network is blocked, then PaddleOCR still reads a scanned page (its models ship in npm packages)', () => {
    expectOfflineOcr('paddle');
  });
});
