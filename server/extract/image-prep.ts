/**
 * Image preparation before OCR (sharp): check the declared size from the header before anything is
 * decoded, then orient, scale to about 200 dpi, turn grey while lifting the red seal's ink to paper
 * white, flatten uneven lighting (phone photos) and stretch contrast. The result is an 8-bit grey PNG.
 */
import sharp from 'sharp';
import { AppError } from '../errors';

/** Longest side accepted (pixels). A 48-megapixel phone photo is 8000 px. */
export const MAX_IMAGE_SIDE = 12_000;
/** Most pixels accepted (the decoded image is kept in memory several times). */
export const MAX_IMAGE_PIXELS = 60_000_000;
/** Target resolution for OCR: tesseract reads best at ~200 dpi, 300 is slower for no gain. */
export const TARGET_DPI = 200;
/** A4 width in inches: a photographed page is scaled to this width at TARGET_DPI. */
const A4_WIDTH_IN = 8.27;

export interface ImageSize {
  width: number;
  height: number;
  format: 'png' | 'jpeg';
}

export interface PrepareOptions {
  /** Known resolution (a PDF page's image); when absent the image is treated as one A4 page. */
  dpi?: number;
  /** Lift red ink (seals, stamps) to white before OCR. Default true. */
  suppressRed?: boolean;
  /** Divide by the estimated background to flatten shading. Default true. */
  flattenLighting?: boolean;
}

export interface PreparedImage {
  /** 8-bit grey PNG */
  png: Buffer;
  width: number;
  height: number;
}

/**
 * Reads width and height from a PNG (IHDR) or JPEG (SOFn) header without decoding.
 * Returns null for other formats or a truncated header.
 */
export function sniffImageSize(buf: Buffer): ImageSize | null {
  if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.readUInt32BE(4) === 0x0d0a1a0a) {
    if (buf.toString('latin1', 12, 16) !== 'IHDR') return null;
    return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), format: 'png' };
  }
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let i = 2;
    while (i + 9 < buf.length) {
      if (buf[i] !== 0xff) return null;
      const marker = buf[i + 1] ?? 0;
      if (marker === 0xff) {
        i++;
        continue;
      }
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7), format: 'jpeg' };
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        i += 2;
        continue;
      }
      i += 2 + buf.readUInt16BE(i + 2);
    }
  }
  return null;
}

/** Throws IMAGE_TOO_LARGE / UNSUPPORTED_FILE_TYPE / CORRUPT_FILE from the header alone. */
export function checkImageHeader(buf: Buffer): ImageSize {
  if (buf.length === 0) throw new AppError('EMPTY_FILE');
  const size = sniffImageSize(buf);
  if (!size) {
    const looksLikeImage = (buf[0] === 0x89 && buf[1] === 0x50) || (buf[0] === 0xff && buf[1] === 0xd8);
    throw looksLikeImage
      ? new AppError('CORRUPT_FILE', '图片已损坏，无法读取')
      : new AppError('UNSUPPORTED_FILE_TYPE');
  }
  if (size.width < 1 || size.height < 1) throw new AppError('CORRUPT_FILE', '图片已损坏，无法读取');
  if (
    size.width > MAX_IMAGE_SIDE ||
    size.height > MAX_IMAGE_SIDE ||
    size.width * size.height > MAX_IMAGE_PIXELS
  ) {
    throw new AppError(
      'IMAGE_TOO_LARGE',
      `图片尺寸过大（${size.width}×${size.height} 像素），请缩小到 ${MAX_IMAGE_SIDE} 像素以内后重新上传`,
      size,
    );
  }
  return size;
}

/** Prepares a page image (photo, scan or rendered PDF page) for OCR. */
export async function prepareImage(input: Buffer, opts: PrepareOptions = {}): Promise<PreparedImage> {
  checkImageHeader(input);
  try {
    return await prepareChecked(input, opts);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('CORRUPT_FILE', '图片已损坏，无法读取', undefined, { cause: err });
  }
}

async function prepareChecked(input: Buffer, opts: PrepareOptions): Promise<PreparedImage> {
  const base = sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate();
  const meta = await base.metadata();
  const swap = (meta.orientation ?? 1) >= 5;
  const srcW = (swap ? meta.height : meta.width) ?? 0;
  const srcH = (swap ? meta.width : meta.height) ?? 0;
  const scale = opts.dpi ? TARGET_DPI / opts.dpi : (A4_WIDTH_IN * TARGET_DPI) / Math.min(srcW, srcH);
  // Leave images already within ~15 % of the target alone: resampling costs time and sharpness.
  const width = Math.abs(scale - 1) < 0.15 ? srcW : Math.round(srcW * scale);
  const height = Math.abs(scale - 1) < 0.15 ? srcH : Math.round(srcH * scale);

  const { data, info } = await base
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = toGrey(data, info.channels, opts.suppressRed ?? true);
  const flat = (opts.flattenLighting ?? true) ? await flattenLighting(grey, info.width, info.height) : grey;
  const png = await sharp(flat, { raw: { width: info.width, height: info.height, channels: 1 } })
    .normalise({ lower: 1, upper: 99 })
    .toColourspace('b-w')
    .png({ compressionLevel: 1 })
    .toBuffer();
  return { png, width: info.width, height: info.height };
}

/**
 * Luminance, except that red-dominant pixels (seal ink) are pushed toward white in proportion to how
 * red they are. Black text printed over a seal stays dark because it is not red-dominant.
 */
export function toGrey(rgb: Buffer, channels: number, suppressRed: boolean): Buffer {
  const n = rgb.length / channels;
  const out = Buffer.allocUnsafe(n);
  for (let p = 0, i = 0; p < n; p++, i += channels) {
    const r = rgb[i] ?? 0;
    const g = channels >= 3 ? (rgb[i + 1] ?? 0) : r;
    const b = channels >= 3 ? (rgb[i + 2] ?? 0) : r;
    const lum = (r * 77 + g * 150 + b * 29) >> 8;
    if (!suppressRed) {
      out[p] = lum;
      continue;
    }
    const redness = r - (g > b ? g : b);
    if (redness <= 25) {
      out[p] = lum;
    } else {
      const w = redness >= 85 ? 1 : (redness - 25) / 60;
      out[p] = Math.round(lum * (1 - w) + 255 * w);
    }
  }
  return out;
}

/**
 * Estimates the paper brightness (the lightest values over 32-px cells, smoothed) and divides by it,
 * so a shaded or unevenly lit photo becomes white paper with dark ink; dark surroundings of a
 * photographed page become light too.
 */
export async function flattenLighting(grey: Buffer, width: number, height: number): Promise<Buffer> {
  const cell = 32;
  const cw = Math.ceil(width / cell);
  const ch = Math.ceil(height / cell);
  const maxima = Buffer.alloc(cw * ch);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const crow = ((y / cell) | 0) * cw;
    for (let x = 0; x < width; x++) {
      const v = grey[row + x] ?? 0;
      const c = crow + ((x / cell) | 0);
      if (v > (maxima[c] ?? 0)) maxima[c] = v;
    }
  }
  const background = await sharp(maxima, { raw: { width: cw, height: ch, channels: 1 } })
    .median(3)
    .blur(1.5)
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const out = Buffer.allocUnsafe(width * height);
  for (let i = 0; i < out.length; i++) {
    const bg = Math.max(background[i] ?? 255, 40);
    const v = ((grey[i] ?? 0) * 255) / bg;
    out[i] = v >= 255 ? 255 : v;
  }
  return out;
}
