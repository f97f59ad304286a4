/**
 * What a file is, from its first bytes: the type (magic bytes, never the name or the client's MIME
 * type) and, for images, the pixel size its header declares — read before anything is decoded, and
 * checked against the one image-size limit of the whole pipeline (server/extract/limits.ts).
 */
import { AppError } from '../errors';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './limits';

export type FileType = 'pdf' | 'jpeg' | 'png';

export const MIME: Record<FileType, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The type from the first bytes; null for anything we do not accept. */
export function sniffFileType(head: Buffer): FileType | null {
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  // PDF readers accept the header anywhere in the first 1 KB (some producers prepend junk).
  if (head.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  return null;
}

export interface ImageHeader {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

/**
 * Width and height from a PNG (IHDR) or JPEG (SOFn) header, without decoding. Null for other formats
 * or a header cut short.
 */
export function readImageHeader(buf: Buffer): ImageHeader | null {
  if (buf.length >= 24 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) {
    if (buf.toString('latin1', 12, 16) !== 'IHDR') return null;
    return { format: 'png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
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
        return { format: 'jpeg', height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
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

/** Throws IMAGE_TOO_LARGE when an image of this size exceeds the pipeline's limit. */
export function checkImageSize(size: { width: number; height: number }, what = '图片'): void {
  const { width, height } = size;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new AppError(
      'IMAGE_TOO_LARGE',
      `${what}尺寸 ${width}×${height} 像素过大（单边最多 ${MAX_IMAGE_SIDE} 像素、共最多 ${MAX_IMAGE_PIXELS / 1_000_000} 百万像素），请缩小后重新上传`,
      { width, height, maxSide: MAX_IMAGE_SIDE, maxPixels: MAX_IMAGE_PIXELS },
    );
  }
}

/**
 * The header of a JPEG or PNG, checked: CORRUPT_FILE when it cannot be read or declares no pixels,
 * IMAGE_TOO_LARGE over the limit, UNSUPPORTED_FILE_TYPE for other bytes.
 */
export function checkImageHeader(buf: Buffer): ImageHeader {
  if (buf.length === 0) throw new AppError('EMPTY_FILE');
  const header = readImageHeader(buf);
  if (!header) {
    const type = sniffFileType(buf);
    const looksLikeImage = type === 'png' || type === 'jpeg' || (buf[0] === 0xff && buf[1] === 0xd8);
    throw looksLikeImage
      ? new AppError('CORRUPT_FILE', '图片文件已损坏，无法读取尺寸')
      : new AppError('UNSUPPORTED_FILE_TYPE');
  }
  if (header.width < 1 || header.height < 1) {
    throw new AppError('CORRUPT_FILE', '图片文件已损坏，无法读取尺寸');
  }
  checkImageSize(header);
  return header;
}
