/**
 * Hostile uploads (issue 12 point 1), each crafted here as a real file: a small upload that would cost
 * a naive reader gigabytes or minutes. Each ends as a `failed` document with a stable code and a
 * Chinese reason (or, for an image whose header is over the limit, is refused at upload); nothing
 * half-written stays behind; `/healthz` keeps answering while it is read; and the job runner goes on
 * to read the next good document.
 */
import request from 'supertest';
import { buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import {
  deeplyNestedPdf,
  deflateBombPdf,
  hugeImagePdf,
  hugeJpegHeader,
  hugeMediaBoxPdf,
  manyObjectsPdf,
} from '../helpers/hostile-files';
import { makeHugePngHeader } from './make-pdf';
import { corpusFile, intakeCounts, upload, waitForDocument } from './intake-helpers';

const CHINESE = /[\u4e00-\u9fff]/;

describe(`hostile files (${testDriver()})`, () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp({}, { services: true });
    staff = await tokenFor(t.app, (await buildUser(t.ctx, 'school_staff')).username);
  });
  afterAll(() => t.close());

  /** Polls /healthz every 50 ms until `work` settles; returns the slowest answer in ms. */
  async function healthDuring<T>(
    work: Promise<T>,
  ): Promise<{ result: T; slowestMs: number; probes: number }> {
    let done = false;
    let slowestMs = 0;
    let probes = 0;
    const probing = (async () => {
      while (!done) {
        const t0 = performance.now();
        const res = await request(t.app).get('/healthz');
        expect(res.status).toBe(200);
        slowestMs = Math.max(slowestMs, performance.now() - t0);
        probes++;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      return { result: await work, slowestMs, probes };
    } finally {
      done = true;
      await probing;
    }
  }

  async function rowsOf(documentId: string) {
    const q = async (sql: string) => (await t.ctx.database.query(sql, [documentId])).rows.length;
    return {
      reports: await q('select 1 from test_reports where document_id = $1'),
      contracts: await q('select 1 from contracts where document_id = $1'),
      extraction: await q('select 1 from documents where id = $1 and extraction is not null'),
    };
  }

  async function expectFails(data: Buffer, name: string, code: string, reason: RegExp) {
    const before = await intakeCounts(t);
    const res = await upload(t.app, staff, [{ data, name }]);
    expect(res.status).toBe(202);
    const id: string = res.body.documents[0].id;
    const { result: doc, slowestMs, probes } = await healthDuring(waitForDocument(t.app, staff, id, 120_000));
    expect(doc.status).toBe('failed');
    expect(doc.failure.code).toBe(code);
    expect(doc.failure.reason).toMatch(CHINESE);
    expect(doc.failure.reason).toMatch(reason);
    // nothing half-written: the upload's own blob and document rows, no extraction, no report or contract
    expect(await intakeCounts(t)).toEqual({ blobs: before.blobs + 1, documents: before.documents + 1 });
    expect(await rowsOf(id)).toEqual({ reports: 0, contracts: 0, extraction: 0 });
    // the server answered throughout (loosely here; the 100 ms figure is npm run bench:bombs)
    expect(probes).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(1000);
    return doc;
  }

  let good = 0;
  /** A good text PDF uploaded after a bomb is read as usual (new bytes each time: a PDF comment). */
  async function expectNextDocumentRead() {
    const data = Buffer.concat([corpusFile('doc-001.pdf'), Buffer.from(`\n%after-bomb-${good++}\n`)]);
    const res = await upload(t.app, staff, [{ data, name: 'after-bomb.pdf' }]);
    expect(res.status).toBe(202);
    const doc = await waitForDocument(t.app, staff, res.body.documents[0].id);
    expect(['parsed', 'needs_review']).toContain(doc.status);
  }

  test('When a page’s content stream inflates to 1 GiB of zeros (a 1 MB upload), then the document fails with PDF_TOO_COMPLEX', async () => {
    const bomb = deflateBombPdf();
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    await expectFails(bomb, 'deflate-bomb.pdf', 'PDF_TOO_COMPLEX', /解压后超过 \d+ MB/);
    await expectNextDocumentRead();
  });

  test('When a scanned page embeds a 15000×15000 image, then the document fails with IMAGE_TOO_LARGE before it is decoded', async () => {
    await expectFails(hugeImagePdf(15000), 'huge-image.pdf', 'IMAGE_TOO_LARGE', /15000×15000/);
  });

  test('When a page’s MediaBox is 5 m square, then the document fails with PAGE_SIZE_INVALID before anything renders it', async () => {
    await expectFails(hugeMediaBoxPdf(14400), 'huge-page.pdf', 'PAGE_SIZE_INVALID', /第 1 页的页面尺寸异常/);
  });

  test('When arrays nest 100,000 deep, then the document fails with PDF_TOO_COMPLEX', async () => {
    await expectFails(deeplyNestedPdf(100_000), 'nested.pdf', 'PDF_TOO_COMPLEX', /嵌套超过 \d+ 层/);
  });

  test('When a PDF holds 500,000 objects, then the document fails with PDF_TOO_COMPLEX', async () => {
    await expectFails(manyObjectsPdf(500_000), 'many-objects.pdf', 'PDF_TOO_COMPLEX', /对象/);
    await expectNextDocumentRead();
  });

  test('When an image header claims 30000×30000 (PNG) or 60000×60000 (JPEG), then the upload is refused from the header alone', async () => {
    for (const [data, name] of [
      [makeHugePngHeader(30000, 30000), 'huge.png'],
      [hugeJpegHeader(60000, 60000), 'huge.jpg'],
    ] as const) {
      const before = await intakeCounts(t);
      const res = await upload(t.app, staff, [{ data, name }]);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IMAGE_TOO_LARGE');
      expect(res.body.message).toMatch(/图片尺寸 \d+×\d+ 像素过大/);
      expect(await intakeCounts(t)).toEqual(before);
    }
  });
});
