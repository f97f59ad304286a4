import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { sniffFileType } from '../extract/file-header';
import { inspectFile } from './inspect-file';
import { displayName } from '../middleware/upload';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev/docs');

describe('inspectFile', () => {
  test('types come from the bytes: PDF, JPEG, PNG; anything else is refused', async () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7'))).toBe('pdf');
    expect(sniffFileType(Buffer.from('<html>%PDF-'))).toBe('pdf');
    expect(sniffFileType(Buffer.from('GIF89a'))).toBeNull();
    await expect(inspectFile(Buffer.from('<!doctype html>'), { maxPages: 100 })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FILE_TYPE',
    });
  });

  test('a real text PDF and a phone photo from the corpus pass with their page count and size', async () => {
    const pdf = await inspectFile(fs.readFileSync(path.join(CORPUS, 'doc-005.pdf')), { maxPages: 100 });
    expect(pdf).toMatchObject({ type: 'pdf', mime: 'application/pdf', pages: 3 });
    const jpg = await inspectFile(fs.readFileSync(path.join(CORPUS, 'doc-008.jpg')), { maxPages: 100 });
    expect(jpg).toMatchObject({ type: 'jpeg', pages: 1 });
    expect(jpg.width).toBeGreaterThan(100);
  });

  test('the page limit is the configured one', async () => {
    await expect(
      inspectFile(fs.readFileSync(path.join(CORPUS, 'doc-005.pdf')), { maxPages: 2 }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_PAGES',
    });
  });

  test('an image that is only a header is refused as corrupt', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await expect(inspectFile(png.subarray(0, 12), { maxPages: 1 })).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
    });
  });
});

describe('displayName', () => {
  test('keeps the last path segment, drops control characters, never empty or a dot name', () => {
    expect(displayName('../../etc/passwd')).toBe('passwd');
    expect(displayName('C:\\Users\\a\\报告.pdf')).toBe('报告.pdf');
    expect(displayName('a\u0000b\u202e.pdf')).toBe('ab.pdf');
    expect(displayName('..')).toBe('未命名文件');
    expect(displayName('x'.repeat(500))).toHaveLength(200);
  });
});
