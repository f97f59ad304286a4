import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  buildPdf,
  deeplyNestedPdf,
  deflateBombPdf,
  deflatedZeros,
  hugeImagePdf,
  hugeJpegHeader,
  manyObjectsPdf,
} from '../../test/helpers/hostile-files';
import { prescanPdf } from './pdf-prescan';

const DOCS = path.resolve(__dirname, '../../../shared/corpus/dev/docs');
const MiB = 1024 * 1024;

const page = (extra: string) => [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ${extra} >>`,
];

describe('PDF pre-scan', () => {
  test('Every PDF of the dev corpus passes, with room under each limit', async () => {
    const pdfs = readdirSync(DOCS).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(10);
    for (const f of pdfs) {
      const r = await prescanPdf(readFileSync(path.join(DOCS, f)));
      expect(r.maxNesting).toBeLessThan(20);
      expect(r.objects).toBeLessThan(5000);
    }
  });

  test('When a content stream inflates to 1 GiB, then it is refused at the 64 MB budget without being held in memory', async () => {
    const before = process.memoryUsage().rss;
    const t0 = Date.now();
    await expect(prescanPdf(deflateBombPdf())).rejects.toMatchObject({
      code: 'PDF_TOO_COMPLEX',
      message: expect.stringMatching(/解压后超过 64 MB/),
    });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * MiB);
  });

  test('When the bomb hides behind an indirect /Length and a false endstream, or under ASCIIHex, then it is still measured', async () => {
    const zeros = deflatedZeros(256 * MiB);
    // a stored (uncompressed) deflate block right after the zlib header carries the words "endstream"
    const words = Buffer.from('\nendstream\n', 'latin1');
    const stored = Buffer.from([0x00, words.length, 0, ~words.length & 0xff, 0xff]);
    const fake = Buffer.concat([zeros.subarray(0, 2), stored, words, zeros.subarray(2)]);
    // the stream object written by hand: its length is object 5, after it
    const head = buildPdf(page('/Contents 4 0 R')).toString('latin1').split('xref')[0]!;
    const body = Buffer.concat([
      Buffer.from(head, 'latin1'),
      Buffer.from('4 0 obj\n<< /Filter /FlateDecode /Length 5 0 R >>\nstream\n', 'latin1'),
      fake,
      Buffer.from(`\nendstream\nendobj\n5 0 obj\n${fake.length}\nendobj\n%%EOF\n`, 'latin1'),
    ]);
    await expect(prescanPdf(body)).rejects.toMatchObject({ code: 'PDF_TOO_COMPLEX' });

    const hex = Buffer.from(deflatedZeros(128 * MiB).toString('hex'), 'latin1');
    const wrapped = buildPdf([
      ...page('/Contents 4 0 R'),
      { dict: '/Filter [/ASCIIHexDecode /FlateDecode]', stream: Buffer.concat([hex, Buffer.from('>')]) },
    ]);
    await expect(prescanPdf(wrapped)).rejects.toMatchObject({ code: 'PDF_TOO_COMPLEX' });
  });

  test('When an image dictionary declares 15000×15000, then IMAGE_TOO_LARGE from the dictionary alone', async () => {
    await expect(prescanPdf(hugeImagePdf(15000))).rejects.toMatchObject({
      code: 'IMAGE_TOO_LARGE',
      message: expect.stringMatching(/15000×15000/),
    });
  });

  test('When a JPEG inside a PDF is larger than its dictionary says, then its own header decides', async () => {
    const pdf = buildPdf([
      ...page('/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R'),
      { dict: '', stream: Buffer.from('q 595 0 0 842 0 0 cm /Im0 Do Q') },
      {
        dict: '/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode',
        stream: hugeJpegHeader(20000, 20000),
      },
    ]);
    await expect(prescanPdf(pdf)).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });

  test('When /Width is an indirect reference, then its object number is not taken for the width', async () => {
    const pdf = buildPdf([
      ...page('/Contents 4 0 R'),
      {
        dict: '/Type /XObject /Subtype /Image /Width 15000 0 R /Height 100 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /FlateDecode',
        stream: zlib.deflateSync(Buffer.alloc(100 * 100)),
      },
    ]);
    await expect(prescanPdf(pdf)).resolves.toMatchObject({ images: 1 });
  });

  test('When arrays nest 100,000 deep or 500,000 objects are declared, then PDF_TOO_COMPLEX', async () => {
    await expect(prescanPdf(deeplyNestedPdf(100_000))).rejects.toMatchObject({
      code: 'PDF_TOO_COMPLEX',
      message: expect.stringMatching(/嵌套超过 100 层/),
    });
    await expect(prescanPdf(manyObjectsPdf(500_000))).rejects.toMatchObject({
      code: 'PDF_TOO_COMPLEX',
      message: expect.stringMatching(/500003 个对象/),
    });
  });

  test('When objects hide in a compressed object stream, then they count and their nesting is measured', async () => {
    const objStm = (n: number, inner: string) =>
      buildPdf([
        ...page(''),
        {
          dict: `/Type /ObjStm /N ${n} /First 4 /Filter /FlateDecode`,
          stream: zlib.deflateSync(Buffer.from(inner, 'latin1')),
        },
      ]);
    await expect(prescanPdf(objStm(300_000, '6 0 null'))).rejects.toMatchObject({
      code: 'PDF_TOO_COMPLEX',
      message: expect.stringMatching(/对象/),
    });
    await expect(prescanPdf(objStm(1, `6 0 ${'['.repeat(500)}${']'.repeat(500)}`))).rejects.toMatchObject({
      code: 'PDF_TOO_COMPLEX',
      message: expect.stringMatching(/嵌套/),
    });
    await expect(prescanPdf(objStm(1, '6 0 [1 [2] << /A [3] >>]'))).resolves.toMatchObject({ maxNesting: 3 });
  });
});
