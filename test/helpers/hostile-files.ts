/**
 * Hostile files, crafted in memory for the bomb tests and `npm run bench:bombs`: small uploads that
 * cost a naive reader gigabytes or minutes. Each is a well-formed PDF (correct xref table) or image, so
 * it passes a first look and reaches the readers.
 *
 * Large runs of zeros are compressed without ever being held in memory: a 1 MiB block of zeros
 * deflated on its own (a fresh compressor, ended by a sync flush) refers to nothing before it, so the
 * block can be repeated; the zlib trailer's Adler-32 of n zero bytes is computed, not summed.
 */
import zlib from 'node:zlib';

const MiB = 1024 * 1024;

/** A zlib stream (what /FlateDecode reads) of `bytes` zero bytes, `bytes` a multiple of 1 MiB. */
export function deflatedZeros(bytes: number): Buffer {
  if (bytes % MiB !== 0) throw new Error('deflatedZeros: a multiple of 1 MiB');
  const block = zlib.deflateRawSync(Buffer.alloc(MiB), {
    level: 9,
    finishFlush: zlib.constants.Z_SYNC_FLUSH,
  });
  const last = zlib.deflateRawSync(Buffer.alloc(0)); // final empty block
  const adler = Buffer.alloc(4);
  // Adler-32 of zeros: a stays 1, b grows by 1 per byte.
  adler.writeUInt32BE((bytes % 65521) * 65536 + 1);
  const blocks = Array.from({ length: bytes / MiB }, () => block);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...blocks, last, adler]);
}

type PdfObject = string | { dict: string; stream: Buffer };

/** Serialises objects 1..n (object 1 is the catalog) with a correct xref table. */
export function buildPdf(objects: PdfObject[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  const push = (b: Buffer) => {
    parts.push(b);
    length += b.length;
  };
  objects.forEach((o, i) => {
    offsets.push(length);
    if (typeof o === 'string') {
      push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
    } else {
      push(Buffer.from(`${i + 1} 0 obj\n<< ${o.dict} /Length ${o.stream.length} >>\nstream\n`, 'latin1'));
      push(o.stream);
      push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    }
  });
  const xrefAt = length;
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const off of offsets) xref.push(`${String(off).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  push(Buffer.from(xref.join(''), 'latin1'));
  return Buffer.concat(parts);
}

/** One page (object 3) with the given page dictionary entries, contents object 4 onwards. */
function onePage(pageEntries: string, rest: PdfObject[]): Buffer {
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R ${pageEntries} >>`,
    ...rest,
  ]);
}

/** A page whose content stream inflates to `bytes` zeros (default 1 GiB from ~1 MB). */
export function deflateBombPdf(bytes = 1024 * MiB): Buffer {
  return onePage('/MediaBox [0 0 595 842] /Contents 4 0 R', [
    { dict: '/Filter /FlateDecode', stream: deflatedZeros(bytes) },
  ]);
}

/**
 * A scanned-looking page: one grey image of side × side pixels drawn over the whole page (default
 * 15000², 225 MB of pixels from ~220 KB).
 */
export function hugeImagePdf(side = 15000): Buffer {
  const pixels = Math.ceil((side * side) / MiB) * MiB;
  const data = deflatedZeros(pixels);
  return onePage('/MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R', [
    { dict: '', stream: Buffer.from('q 595 0 0 842 0 0 cm /Im0 Do Q\n', 'latin1') },
    {
      dict: `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
      stream: data,
    },
  ]);
}

/**
 * A page of `points` × `points` (default 14400, 5 m, the largest PDF 1.7 allows) with a few vector
 * strokes and no text: a reader has to rasterise it (at 200 dpi, 40000² pixels).
 */
export function hugeMediaBoxPdf(points = 14400): Buffer {
  return onePage(`/MediaBox [0 0 ${points} ${points}] /Contents 4 0 R`, [
    { dict: '', stream: Buffer.from(`4 w 10 10 m ${points - 10} ${points - 10} l S\n`, 'latin1') },
  ]);
}

/** A page dictionary holding an array nested `depth` deep. */
export function deeplyNestedPdf(depth = 100_000): Buffer {
  return onePage(`/MediaBox [0 0 595 842] /Nest ${'['.repeat(depth)}${']'.repeat(depth)}`, []);
}

/** One page plus `count` small objects (default 500,000; ~10 MB). */
export function manyObjectsPdf(count = 500_000): Buffer {
  const filler = Array.from({ length: count }, (_, i) => `[${i}]`);
  return onePage('/MediaBox [0 0 595 842]', filler);
}

/** A page whose content stream holds `count` path operators (default 3 million, ~2 MB compressed). */
export function operatorFloodPdf(count = 3_000_000): Buffer {
  const ops = Buffer.from('1 1 m 2 2 l S\n'.repeat(count), 'latin1');
  return onePage('/MediaBox [0 0 595 842] /Contents 4 0 R', [
    { dict: '/Filter /FlateDecode', stream: zlib.deflateSync(ops, { level: 9 }) },
  ]);
}

/** A JPEG whose frame header (SOF0) declares width × height pixels; no scan data behind it. */
export function hugeJpegHeader(width: number, height: number): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0, 0, 0, 0, 0x01, 0x01, 0x11, 0x00]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.from([0xff, 0xd9])]);
}
