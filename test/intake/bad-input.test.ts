/**
 * Bad uploads, each refused with a stable code and a Chinese message (or, for damage only visible
 * when decoding, the document fails with a reason) — the server and its job runner keep working,
 * and nothing is left behind in UPLOAD_DIR (tmp included) or the database.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { buildUser, startTestApp, tokenFor, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { checkStorage } from '../../server/storage/check-storage';
import { getFileStore } from '../../server/storage/file-store.service';
import { corpusFile, filesUnder, intakeCounts, upload, waitForDocument } from './intake-helpers';
import { makeBlankPdf, makeEncryptedPdf, makeHugePngHeader } from './make-pdf';

describe(`bad uploads (${testDriver()})`, () => {
  let t: TestApp;
  let staff: string;
  beforeAll(async () => {
    t = await startTestApp({ MAX_UPLOAD_MB: '2' }, { services: true });
    staff = await tokenFor(t.app, (await buildUser(t.ctx, 'school_staff')).username);
  });
  afterAll(() => t.close());

  async function expectRefused(data: Buffer, name: string, status: number, code: string, message: RegExp) {
    const before = await intakeCounts(t);
    const res = await upload(t.app, staff, [{ data, name }]);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.body.message).toMatch(message);
    expect(await intakeCounts(t)).toEqual(before);
    expect(filesUnder(path.join(t.config.UPLOAD_DIR, 'tmp'))).toEqual([]);
  }

  test('When a PDF is cut short, then 422 CORRUPT_FILE', async () => {
    const pdf = corpusFile('doc-001.pdf');
    await expectRefused(
      pdf.subarray(0, Math.floor(pdf.length / 2)),
      'cut.pdf',
      422,
      'CORRUPT_FILE',
      /不完整|损坏/,
    );
  });

  test('When a PDF is password-protected, then 422 ENCRYPTED_PDF', async () => {
    await expectRefused(makeEncryptedPdf(), 'locked.pdf', 422, 'ENCRYPTED_PDF', /加密/);
  });

  test('When a file is empty, then 400 EMPTY_FILE', async () => {
    await expectRefused(Buffer.alloc(0), 'empty.pdf', 400, 'EMPTY_FILE', /文件为空/);
  });

  test('When a PNG declares 30000×30000 pixels, then 422 IMAGE_TOO_LARGE without decoding it', async () => {
    await expectRefused(makeHugePngHeader(30000, 30000), 'huge.png', 422, 'IMAGE_TOO_LARGE', /图片尺寸/);
  });

  test('When a PDF has 5000 pages, then 422 TOO_MANY_PAGES', async () => {
    await expectRefused(makeBlankPdf(5000), 'long.pdf', 422, 'TOO_MANY_PAGES', /5000 页/);
  });

  test('When an HTML file is named .jpg, then 415 UNSUPPORTED_FILE_TYPE (the bytes decide, not the name)', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    await expectRefused(html, 'photo.jpg', 415, 'UNSUPPORTED_FILE_TYPE', /不支持的文件类型/);
  });

  test('When a file exceeds MAX_UPLOAD_MB, then 413 FILE_TOO_LARGE and the partial file is removed', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    await expectRefused(big, 'big.pdf', 413, 'FILE_TOO_LARGE', /大小/);
  });

  test('When the file name holds ../ and bytes that are not UTF-8, then it is stored by hash and shown sanitised', async () => {
    const pdf = corpusFile('doc-058.pdf');
    const boundary = 'XbOuNdArY';
    const name = Buffer.concat([
      Buffer.from('../../etc/'),
      Buffer.from([0xff, 0xfe, 0x80]),
      Buffer.from('报告.pdf'),
    ]);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="`),
      name,
      Buffer.from('"\r\nContent-Type: application/pdf\r\n\r\n'),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await request(t.app)
      .post('/api/documents')
      .set('Authorization', `Bearer ${staff}`)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(body);
    expect(res.status).toBe(202);
    const shown = res.body.documents[0].fileName as string;
    expect(shown).not.toMatch(/[/\\]/);
    expect(shown).toMatch(/报告\.pdf$/);
    const files = filesUnder(t.config.UPLOAD_DIR);
    expect(
      files.every(
        (f) => /^originals\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f) || f.startsWith('derived/'),
      ),
    ).toBe(true);
    expect(fs.existsSync(path.join(t.config.UPLOAD_DIR, '..', 'etc'))).toBe(false);
  });

  test('When a photo is cut short in its pixel data, then the upload is accepted and the document fails with a reason', async () => {
    const jpg = corpusFile('doc-008.jpg');
    const res = await upload(t.app, staff, [
      { data: jpg.subarray(0, Math.floor(jpg.length * 0.4)), name: 'cut.jpg' },
    ]);
    expect(res.status).toBe(202);
    const doc = await waitForDocument(t.app, staff, res.body.documents[0].id);
    expect(doc.status).toBe('failed');
    expect(doc.failure).toMatchObject({ code: 'CORRUPT_FILE', reason: expect.stringMatching(/图片/) });
  });

  test('When two identical uploads race, then one document is created and the other answer names it', async () => {
    const data = corpusFile('doc-051.pdf');
    const [a, b] = await Promise.all([
      upload(t.app, staff, [{ data, name: 'a.pdf' }]),
      upload(t.app, staff, [{ data, name: 'b.pdf' }]),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([202, 409]);
    const created = a.status === 202 ? a : b;
    const dup = a.status === 202 ? b : a;
    expect(dup.body.code).toBe('DUPLICATE_DOCUMENT');
    expect(dup.body.details.files[0].id).toBe(created.body.documents[0].id);
    const rows = await t.ctx.database.query('select id from documents where original_name in ($1, $2)', [
      'a.pdf',
      'b.pdf',
    ]);
    expect(rows.rows).toHaveLength(1);
  });

  test('When one request mixes a good and a bad file, then 202 with a per-file answer', async () => {
    const res = await upload(t.app, staff, [
      { data: corpusFile('doc-020.pdf'), name: 'good.pdf' },
      { data: Buffer.from('GIF89a......'), name: 'bad.gif' },
    ]);
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(1);
    expect(res.body.documents[1]).toMatchObject({ fileName: 'bad.gif', code: 'UNSUPPORTED_FILE_TYPE' });
  });

  test('When the form is invalid or not multipart, then 400 and no temporary file remains', async () => {
    const res = await upload(t.app, staff, [{ data: corpusFile('doc-020.pdf'), name: 'x.pdf' }], {
      kind: 'invoice',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const json = await request(t.app)
      .post('/api/documents')
      .set('Authorization', `Bearer ${staff}`)
      .send({ a: 1 });
    expect(json.status).toBe(400);
    const unknownLine = await upload(t.app, staff, [{ data: corpusFile('doc-020.pdf'), name: 'x.pdf' }], {
      lineIds: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownLine.status).toBe(404);
    const anon = await request(t.app)
      .post('/api/documents')
      .attach('files', corpusFile('doc-020.pdf'), 'x.pdf');
    expect(anon.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(filesUnder(path.join(t.config.UPLOAD_DIR, 'tmp'))).toEqual([]);
  });

  test('When the client hangs up in the middle of an upload, then the partial file is removed', async () => {
    const server = t.app.listen(0);
    try {
      const port = (server.address() as AddressInfo).port;
      const boundary = 'AbOrTbOuNdArY';
      await new Promise<void>((resolve) => {
        const req = http.request({
          port,
          method: 'POST',
          path: '/api/documents',
          headers: {
            authorization: `Bearer ${staff}`,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(1024 * 1024 + 500),
          },
        });
        req.on('error', () => resolve());
        req.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="cut.pdf"\r\n\r\n%PDF-1.4\n`,
        );
        req.write(Buffer.alloc(256 * 1024, 0x20), () => {
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 100);
        });
      });
      for (let i = 0; i < 20 && filesUnder(path.join(t.config.UPLOAD_DIR, 'tmp')).length; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(filesUnder(path.join(t.config.UPLOAD_DIR, 'tmp'))).toEqual([]);
    } finally {
      server.close();
    }
  });

  test('After all of it, the server still answers, every stored file has its row and tmp/ is empty', async () => {
    const list = await request(t.app).get('/api/documents').set('Authorization', `Bearer ${staff}`);
    expect(list.status).toBe(200);
    for (const d of list.body.items) await waitForDocument(t.app, staff, d.id);
    const blobs = await t.ctx.database.query<{ sha256: string }>('select sha256 from blobs order by 1');
    const originals = filesUnder(path.join(t.config.UPLOAD_DIR, 'originals'))
      .map((f) => path.basename(f))
      .sort();
    expect(originals).toEqual(blobs.rows.map((r) => r.sha256));
    expect(filesUnder(path.join(t.config.UPLOAD_DIR, 'tmp'))).toEqual([]);
    const docs = await t.ctx.database.query<{ n: number }>('select count(*)::int as n from documents');
    expect(docs.rows[0]!.n).toBe(list.body.total);
    const report = await checkStorage(t.ctx, { verifyHashes: true });
    expect(report).toMatchObject({
      ok: true,
      missingFiles: [],
      orphanFiles: [],
      corruptFiles: [],
      tmpFiles: [],
    });
  });

  test('When a stored file goes missing or a stray file appears, then the storage check names both', async () => {
    const [blob] = (await t.ctx.database.query<{ sha256: string }>('select sha256 from blobs limit 1')).rows;
    const store = getFileStore(t.ctx);
    const kept = fs.readFileSync(store.originalPath(blob!.sha256));
    fs.rmSync(store.originalPath(blob!.sha256));
    const stray = 'f'.repeat(64);
    fs.mkdirSync(path.dirname(store.originalPath(stray)), { recursive: true });
    fs.writeFileSync(store.originalPath(stray), 'x');
    try {
      const report = await checkStorage(t.ctx);
      expect(report).toMatchObject({ ok: false, missingFiles: [blob!.sha256], orphanFiles: [stray] });
    } finally {
      fs.writeFileSync(store.originalPath(blob!.sha256), kept);
      fs.rmSync(store.originalPath(stray));
    }
  });
});
