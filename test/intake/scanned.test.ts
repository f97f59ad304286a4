/**
 * The one OCR test of the intake suite: a single-page scanned contract goes through the OCR stage
 * (progress "ocr, page 1 of 1" visible while it runs) to a parsed or needs-review document.
 */
import request from 'supertest';
import { buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { corpusFile, upload, waitForDocument } from './intake-helpers';

describe(`scanned upload (${testDriver()})`, () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp({ OCR_WORKERS: '1' }, { services: true });
    staff = await tokenFor(t.app, (await buildUser(t.ctx, 'school_staff')).username);
  });
  afterAll(() => t.close());

  test('When a one-page scanned contract is uploaded, then OCR progress is shown and the contract is read', async () => {
    const t0 = Date.now();
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-030.pdf'), name: '扫描合同.pdf' }]);
    expect(res.status).toBe(202);
    const id = res.body.documents[0].id as string;
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const d = await request(t.app).get(`/api/documents/${id}`).set('Authorization', `Bearer ${staff}`);
      if (d.body.progress.stage) {
        seen.add(
          `${d.body.progress.stage}:${d.body.progress.page ?? '-'}/${d.body.progress.pageCount ?? '-'}`,
        );
      }
      if (d.body.status !== 'queued' && d.body.status !== 'processing') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const doc = await waitForDocument(t.app, staff, id, 1000);
    process.stdout.write(
      `upload→${doc.status} for a 1-page scanned PDF: ${Date.now() - t0} ms; stages seen: ${[...seen].join(' ')}\n`,
    );
    expect(seen.has('ocr:1/1')).toBe(true);
    expect(['parsed', 'needs_review']).toContain(doc.status);
    expect(doc.kind).toBe('contract');
    expect(doc.effective.form).toBe('scanned_pdf');
  }, 180_000);
});
