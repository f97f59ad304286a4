/**
 * A pre-scan of a PDF's raw bytes before pdf.js reads it (inside the sandbox process): a file that
 * declares more than any real contract or report needs is refused in well under a second instead of
 * being decoded into gigabytes. It counts indirect objects, measures how deep arrays and dictionaries
 * nest, decodes every stream's filters with a byte budget (a deflate bomb stops at the budget, never
 * materialised), and checks every image's size from its dictionary and, for JPEG and JPEG 2000 data,
 * from the codestream's own header.
 *
 * Streams are found the way pdf.js finds them — a dictionary followed by the `stream` keyword, the
 * extent from a valid /Length (direct or an indirect integer) or else the next `endstream` — so a stray
 * byte between objects cannot hide one. What the scan cannot measure (an encrypted stream, a filter it
 * does not decode) is left to the sandbox's memory cap and clock.
 */
import zlib from 'node:zlib';
import { AppError } from '../errors';
import { checkImageSize, readImageHeader } from './file-header';
import { MAX_IMAGE_PIXELS, PDF_LIMITS } from './limits';

export interface PrescanReport {
  /** indirect objects, including those inside object streams */
  objects: number;
  /** deepest nesting of arrays and dictionaries */
  maxNesting: number;
  streams: number;
  /** decoded bytes of all streams (those the scan could decode) */
  decodedBytes: number;
  images: number;
}

export type PdfLimits = typeof PDF_LIMITS;

const MiB = 1024 * 1024;
const WS = '[\\x00\\t\\n\\f\\r ]';

const tooComplex = (message: string, details: Record<string, number>) =>
  new AppError('PDF_TOO_COMPLEX', `${message}，可能是恶意构造或已损坏的文件，无法安全读取`, details);

/** Scans the file; throws PDF_TOO_COMPLEX or IMAGE_TOO_LARGE over a limit. */
export async function prescanPdf(data: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<PrescanReport> {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const text = buf.toString('latin1');
  const report: PrescanReport = { objects: 0, maxNesting: 0, streams: 0, decodedBytes: 0, images: 0 };

  report.objects = countMatches(text, new RegExp(`\\d+${WS}+\\d+${WS}+obj(?![A-Za-z])`, 'g'));
  checkObjects(report.objects, limits);

  const streams = findStreams(text, buf);
  report.maxNesting = nestingOf(text, streams, limits);
  for (const s of streams) {
    report.streams++;
    await measureStream(s, report, limits);
  }
  return report;
}

function checkObjects(objects: number, limits: PdfLimits): void {
  if (objects > limits.maxObjects) {
    throw tooComplex(`PDF 含有 ${objects} 个对象，超过 ${limits.maxObjects} 个的上限`, {
      objects,
      maxObjects: limits.maxObjects,
    });
  }
}

function countMatches(text: string, re: RegExp): number {
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

interface RawStream {
  dict: string;
  data: Buffer;
  start: number;
  end: number;
}

/** Every `<< … >> stream` in the file, with its data as a reader would delimit it. */
function findStreams(text: string, buf: Buffer): RawStream[] {
  const lengths = indirectIntegers(text);
  const out: RawStream[] = [];
  const re = new RegExp(`>>${WS}*stream(\\r\\n|\\n|\\r)`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const dict = text.slice(objectStart(text, m.index), m.index + 2);
    let end = -1;
    const length = declaredLength(dict, lengths);
    if (length !== null && start + length <= buf.length) {
      const after = text.slice(start + length, start + length + 12).replace(new RegExp(`^${WS}*`), '');
      if (after.startsWith('endstream')) end = start + length;
    }
    if (end < 0) {
      const at = text.indexOf('endstream', start);
      end = at < 0 ? buf.length : at;
    }
    out.push({ dict, data: buf.subarray(start, end), start, end });
  }
  return out;
}

/** Where the object holding position `at` begins (after its `N G obj`), or `at` when none is found. */
function objectStart(text: string, at: number): number {
  let pos = at;
  for (let tries = 0; tries < 1000; tries++) {
    const i = text.lastIndexOf('obj', pos);
    if (i < 0) return at;
    if (new RegExp(`\\d+${WS}+\\d+${WS}+$`).test(text.slice(Math.max(0, i - 40), i))) return i + 3;
    pos = i - 1;
  }
  return at;
}

/** `N G obj <integer> endobj` objects: the indirect /Length values a reader would resolve. */
function indirectIntegers(text: string): Map<string, number> {
  const map = new Map<string, number>();
  const re = new RegExp(`(\\d+)${WS}+(\\d+)${WS}+obj${WS}*(\\d+)${WS}*endobj`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) map.set(`${m[1]} ${m[2]}`, Number(m[3]));
  return map;
}

function declaredLength(dict: string, lengths: Map<string, number>): number | null {
  const ref = /\/Length\s+(\d+)\s+(\d+)\s+R/.exec(dict);
  if (ref) return lengths.get(`${ref[1]} ${ref[2]}`) ?? null;
  const direct = /\/Length\s+(\d+)/.exec(dict);
  return direct ? Number(direct[1]) : null;
}

/**
 * Deepest nesting of `[` and `<<` outside stream data, counted per object (the count restarts at each
 * `obj`, so one odd string cannot add up across a file).
 */
function nestingOf(text: string, streams: RawStream[], limits: PdfLimits): number {
  let max = 0;
  let from = 0;
  const regions: Array<[number, number]> = [];
  for (const s of [...streams].sort((a, b) => a.start - b.start)) {
    if (s.start > from) regions.push([from, s.start]);
    from = Math.max(from, s.end);
  }
  regions.push([from, text.length]);
  for (const [a, b] of regions) max = Math.max(max, nestingIn(text, a, b, limits));
  return max;
}

function nestingIn(text: string, from: number, to: number, limits: PdfLimits): number {
  let depth = 0;
  let max = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b /* [ */ || (c === 0x3c /* < */ && text.charCodeAt(i + 1) === 0x3c)) {
      depth++;
      if (c === 0x3c) i++;
      if (depth > max) {
        max = depth;
        if (max > limits.maxNesting) {
          throw tooComplex(`PDF 中的数组或字典嵌套超过 ${limits.maxNesting} 层`, {
            maxNesting: limits.maxNesting,
          });
        }
      }
    } else if (c === 0x5d /* ] */ || (c === 0x3e /* > */ && text.charCodeAt(i + 1) === 0x3e)) {
      if (depth > 0) depth--;
      if (c === 0x3e) i++;
    } else if (c === 0x6f /* o */ && text.startsWith('obj', i)) {
      depth = 0;
      i += 2;
    }
  }
  return max;
}

/** The filters of a stream dictionary, in the order they are undone. */
function filtersOf(dict: string): string[] {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict);
  if (!m?.[1]) return [];
  return [...m[1].matchAll(/\/([A-Za-z0-9]+)/g)].map((x) => x[1] ?? '');
}

const intOf = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+)(?![\\d.])(?!\\s+\\d+\\s+R)`).exec(dict);
  return m ? Number(m[1]) : null;
};

class OverBudget extends Error {}

async function measureStream(s: RawStream, report: PrescanReport, limits: PdfLimits): Promise<void> {
  const isImage = /\/Subtype\s*\/Image\b/.test(s.dict);
  const isObjectStream = /\/Type\s*\/ObjStm\b/.test(s.dict);
  const width = isImage ? intOf(s.dict, 'Width') : null;
  const height = isImage ? intOf(s.dict, 'Height') : null;
  if (isImage) {
    report.images++;
    if (width !== null && height !== null) checkImageSize({ width, height }, 'PDF 中的图片');
  }
  if (isObjectStream) {
    report.objects += intOf(s.dict, 'N') ?? 0;
    checkObjects(report.objects, limits);
  }
  // An image decodes to at most width × height × 4 components × 2 bytes; anything else to the stream cap.
  const ownBudget =
    isImage && width !== null && height !== null
      ? width * height * 8 + MiB
      : isImage
        ? MAX_IMAGE_PIXELS * 8
        : limits.maxStreamBytes;
  const budget = Math.min(ownBudget, limits.maxDecodedBytes - report.decodedBytes);

  let bytes: Buffer = s.data;
  let decoded = s.data.length;
  const filters = filtersOf(s.dict);
  for (let k = 0; k < filters.length; k++) {
    const keep = k < filters.length - 1 || isObjectStream;
    const step = await undoFilter(filters[k] ?? '', bytes, budget, keep).catch((e: unknown) => {
      if (!(e instanceof OverBudget)) throw e;
      return overBudget(s, isImage, ownBudget, report, limits);
    });
    if (step === 'stop') break;
    decoded = step.length;
    if (step.data) bytes = step.data;
  }
  report.decodedBytes += filters.length ? decoded : 0;
  if (isObjectStream && filters.every((f) => DECODED.has(f))) {
    report.maxNesting = Math.max(
      report.maxNesting,
      nestingIn(bytes.toString('latin1'), 0, bytes.length, limits),
    );
  }
}

function overBudget(
  s: RawStream,
  isImage: boolean,
  ownBudget: number,
  report: PrescanReport,
  limits: PdfLimits,
): never {
  if (report.decodedBytes + ownBudget > limits.maxDecodedBytes) {
    throw tooComplex(`PDF 中的数据解压后超过 ${Math.round(limits.maxDecodedBytes / MiB)} MB`, {
      maxDecodedBytes: limits.maxDecodedBytes,
    });
  }
  throw tooComplex(
    isImage
      ? `PDF 中的一幅图片解压后超过其声明尺寸应有的 ${Math.round(ownBudget / MiB)} MB`
      : `PDF 中的一段内容解压后超过 ${Math.round(ownBudget / MiB)} MB`,
    { streamOffset: s.start, maxBytes: ownBudget },
  );
}

const DECODED = new Set([
  'FlateDecode',
  'Fl',
  'LZWDecode',
  'LZW',
  'ASCIIHexDecode',
  'AHx',
  'ASCII85Decode',
  'A85',
  'RunLengthDecode',
  'RL',
]);

/**
 * Undoes one filter within `budget` output bytes (OverBudget beyond it). Returns the output length
 * (and the output when `keep`), or 'stop' when the chain cannot be followed further.
 */
async function undoFilter(
  filter: string,
  input: Buffer,
  budget: number,
  keep: boolean,
): Promise<{ length: number; data?: Buffer } | 'stop'> {
  switch (filter) {
    case 'FlateDecode':
    case 'Fl':
      return inflateCounted(input, budget, keep);
    case 'LZWDecode':
    case 'LZW':
      return lzwDecode(input, budget, keep);
    case 'RunLengthDecode':
    case 'RL':
      return runLengthDecode(input, budget, keep);
    case 'ASCIIHexDecode':
    case 'AHx':
      return withData(asciiHexDecode(input));
    case 'ASCII85Decode':
    case 'A85':
      return withData(ascii85Decode(input));
    case 'DCTDecode':
    case 'DCT': {
      const header = readImageHeader(input);
      if (header) checkImageSize(header, 'PDF 中的图片');
      return 'stop';
    }
    case 'JPXDecode': {
      const size = jpxSize(input);
      if (size) checkImageSize(size, 'PDF 中的图片');
      return 'stop';
    }
    default:
      return 'stop';
  }
}

/** Output kept for the next filter of a chain: enough for object streams and image headers. */
const KEEP_AT_MOST = PDF_LIMITS.maxStreamBytes;

const withData = (data: Buffer) => ({ length: data.length, data });

/**
 * Most streams (a page's content, a font, an object stream) inflate to well under this: they are
 * inflated in one synchronous call capped at it, instead of through a stream and the thread pool
 * (a text PDF has a hundred or more; one at a time through the pool cost more than the inflating).
 */
const ONE_CALL_BYTES = 4 * MiB;

/** Inflates, counting output (kept only when asked); a corrupt tail ends the count where a reader stops. */
function inflateCounted(
  input: Buffer,
  budget: number,
  keep: boolean,
): Promise<{ length: number; data?: Buffer }> {
  const cap = Math.min(budget, ONE_CALL_BYTES);
  if (cap >= 1) {
    try {
      const out = zlib.inflateSync(input, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: cap });
      return Promise.resolve({ length: out.length, data: keep ? out : undefined });
    } catch {
      // larger than the one call may produce, or corrupt: counted below, where a corrupt tail ends the count
    }
  }
  return inflateStreamed(input, budget, keep);
}

function inflateStreamed(
  input: Buffer,
  budget: number,
  keep: boolean,
): Promise<{ length: number; data?: Buffer }> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: 64 * 1024 });
    const chunks: Buffer[] = [];
    let length = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve({ length, data: keep ? Buffer.concat(chunks) : undefined });
    };
    inflate.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > budget) {
        done = true;
        inflate.destroy();
        reject(new OverBudget());
      } else if (keep && length <= KEEP_AT_MOST) {
        chunks.push(chunk);
      }
    });
    inflate.on('error', finish);
    inflate.on('end', finish);
    inflate.on('close', finish);
    inflate.end(input);
  });
}

/** LZW as PDF uses it (EarlyChange 1). Counting needs only each table entry's length. */
function lzwDecode(input: Buffer, budget: number, keep: boolean): { length: number; data?: Buffer } {
  const prefix = new Int32Array(4096).fill(-1);
  const suffix = new Uint8Array(4096);
  const size = new Int32Array(4096);
  for (let i = 0; i < 256; i++) {
    suffix[i] = i;
    size[i] = 1;
  }
  let out = keep ? Buffer.alloc(64 * 1024) : Buffer.alloc(0);
  let next = 258;
  let bits = 9;
  let prev = -1;
  let length = 0;
  let acc = 0;
  let accBits = 0;
  const first = (code: number) => {
    let c = code;
    while (c >= 256) c = prefix[c] ?? 0;
    return c;
  };
  const emit = (code: number) => {
    const n = size[code] ?? 0;
    if (length + n > out.length) {
      const grown = Buffer.alloc(Math.min(KEEP_AT_MOST, Math.max(out.length * 2, length + n)));
      out.copy(grown);
      out = grown;
    }
    if (length + n > out.length) return;
    for (let c = code, k = n - 1; k >= 0; c = prefix[c] ?? 0, k--) out[length + k] = suffix[c] ?? 0;
  };
  const result = () => ({ length, data: keep ? out.subarray(0, Math.min(length, out.length)) : undefined });
  for (const byte of input) {
    acc = ((acc << 8) | byte) & 0xffffff;
    accBits += 8;
    while (accBits >= bits) {
      const code = (acc >> (accBits - bits)) & ((1 << bits) - 1);
      accBits -= bits;
      if (code === 256) {
        next = 258;
        bits = 9;
        prev = -1;
        continue;
      }
      if (code === 257 || code > next || (code === next && prev < 0)) return result();
      if (prev >= 0 && next < 4096) {
        prefix[next] = prev;
        suffix[next] = first(code === next ? prev : code);
        size[next] = (size[prev] ?? 0) + 1;
        next++;
        if (next + 1 >= 1 << bits && bits < 12) bits++;
      }
      if (size[code] === 0) return result();
      if (keep) emit(code);
      length += size[code] ?? 0;
      if (length > budget) throw new OverBudget();
      prev = code;
    }
  }
  return result();
}

function runLengthDecode(input: Buffer, budget: number, keep: boolean): { length: number; data?: Buffer } {
  const parts: Buffer[] = [];
  let length = 0;
  for (let i = 0; i < input.length;) {
    const n = input[i] ?? 128;
    if (n === 128) break;
    const run = n < 128 ? n + 1 : 257 - n;
    length += run;
    if (length > budget) throw new OverBudget();
    if (keep) parts.push(n < 128 ? input.subarray(i + 1, i + 1 + run) : Buffer.alloc(run, input[i + 1] ?? 0));
    i += n < 128 ? run + 1 : 2;
  }
  return { length, data: keep ? Buffer.concat(parts) : undefined };
}

function asciiHexDecode(input: Buffer): Buffer {
  const end = input.indexOf(0x3e /* > */);
  const hex = input
    .subarray(0, end < 0 ? input.length : end)
    .toString('latin1')
    .replace(/[^0-9A-Fa-f]/g, '');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

function ascii85Decode(input: Buffer): Buffer {
  const out: number[] = [];
  let group: number[] = [];
  const flush = (n: number) => {
    let v = 0;
    for (let i = 0; i < 5; i++) v = v * 85 + (group[i] ?? 84);
    for (let i = 0; i < n - 1; i++) out.push((v >>> (24 - 8 * i)) & 0xff);
  };
  for (const c of input) {
    if (c === 0x7e /* ~ */) break;
    if (c === 0x7a /* z */ && group.length === 0) {
      out.push(0, 0, 0, 0);
    } else if (c >= 0x21 && c <= 0x75) {
      group.push(c - 0x21);
      if (group.length === 5) {
        flush(5);
        group = [];
      }
    }
  }
  if (group.length > 1) flush(group.length);
  return Buffer.from(out);
}

/** Width and height of a JPEG 2000 image: the codestream's SIZ marker (raw or inside a JP2 file). */
function jpxSize(data: Buffer): { width: number; height: number } | null {
  const at = data.subarray(0, 64 * 1024).indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
  if (at < 0 || at + 22 > data.length) return null;
  const siz = at + 4;
  const xsiz = data.readUInt32BE(siz + 4);
  const ysiz = data.readUInt32BE(siz + 8);
  const xo = data.readUInt32BE(siz + 12);
  const yo = data.readUInt32BE(siz + 16);
  return { width: xsiz - xo, height: ysiz - yo };
}
