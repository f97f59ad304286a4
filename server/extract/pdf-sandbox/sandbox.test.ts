import { readFileSync } from 'node:fs';
import path from 'node:path';
import { operatorFloodPdf } from '../../../test/helpers/hostile-files';
import { PdfSandbox } from './sandbox';

const DOCS = path.resolve(__dirname, '../../../../shared/corpus/dev/docs');
const textPdf = () => readFileSync(path.join(DOCS, 'doc-001.pdf'));

/** Runs `work` while measuring how late a 20 ms timer fires on this (the server's) event loop. */
async function eventLoopLagDuring<T>(work: Promise<T>): Promise<{ result: T; lagMs: number }> {
  let lagMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lagMs = Math.max(lagMs, now - last - 20);
    last = now;
  }, 20);
  try {
    return { result: await work, lagMs };
  } finally {
    clearInterval(timer);
  }
}

describe('PDF sandbox', () => {
  test('When a page holds 3 million drawing operators, then the read is stopped by the clock (or the memory cap, whichever the machine hits first), the server loop stays free and the next PDF is read by a new child', async () => {
    const sandbox = new PdfSandbox({ processes: 1, timeoutMs: 10_000 });
    try {
      await sandbox.run(textPdf(), { task: 'count-pages' }); // started before the clock matters
      const { result, lagMs } = await eventLoopLagDuring(
        sandbox.run(operatorFloodPdf(), { task: 'page-image', page: 1 }).catch((e: unknown) => e),
      );
      expect(result).toMatchObject({
        code: 'PDF_TOO_COMPLEX',
        message: expect.stringMatching(/超过 10 秒|内存超过上限/),
      });
      expect(lagMs).toBeLessThan(1000);
      const started = sandbox.childrenStarted;
      const text = await sandbox.run(textPdf(), { task: 'read-text', maxPages: 100 });
      expect(text.pageCount).toBeGreaterThan(0);
      expect(sandbox.childrenStarted).toBe(started + 1);
    } finally {
      await sandbox.close();
    }
  });

  test('When reading a page needs more memory than the cap, then the child dies, the read fails with PDF_TOO_COMPLEX and the sandbox goes on', async () => {
    // 3 million operators become pdf.js arrays far beyond a 160 MB heap
    const sandbox = new PdfSandbox({ processes: 1, heapMb: 160, timeoutMs: 120_000 });
    try {
      await sandbox.run(textPdf(), { task: 'count-pages' });
      const started = sandbox.childrenStarted;
      await expect(sandbox.run(operatorFloodPdf(), { task: 'page-image', page: 1 })).rejects.toMatchObject({
        code: 'PDF_TOO_COMPLEX',
        message: expect.stringMatching(/内存超过上限/),
      });
      await expect(sandbox.run(textPdf(), { task: 'count-pages' })).resolves.toEqual({ pages: 1 });
      expect(sandbox.childrenStarted).toBe(started + 1);
    } finally {
      await sandbox.close();
    }
  });

  test('When the sandbox is closed, then a waiting read fails with NOT_READY instead of hanging', async () => {
    const sandbox = new PdfSandbox({ processes: 1 });
    const first = sandbox.run(textPdf(), { task: 'read-text', maxPages: 100 }).catch((e: unknown) => e);
    const second = sandbox.run(textPdf(), { task: 'count-pages' }).catch((e: unknown) => e);
    await sandbox.close();
    expect(await second).toMatchObject({ code: 'NOT_READY' });
    expect(await first).toMatchObject({ code: 'NOT_READY' });
  });
});
