import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { AppError } from '../errors';
import { checkImageHeader, readImageHeader } from './file-header';
import { prepareImage, toGrey } from './image-prep';

const DOCS = path.resolve(__dirname, '../../../shared/corpus/dev/docs');

/** A PNG that is only a signature and an IHDR chunk: any attempt to decode it fails. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 2, 0, 0, 0], 16);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), ihdr]);
}

describe('image preparation', () => {
  it('When a PNG declares 30000×30000 px, then IMAGE_TOO_LARGE is thrown from the header alone', async () => {
    const header = pngHeader(30000, 30000);
    expect(() => checkImageHeader(header)).toThrow(expect.objectContaining({ code: 'IMAGE_TOO_LARGE' }));
    // The buffer holds no pixel data: had it been decoded, the error would be CORRUPT_FILE instead.
    await expect(prepareImage(header)).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE', status: 422 });
  });

  it('When the header of a phone photo is read, then its size is found without decoding', () => {
    const jpeg = readFileSync(path.join(DOCS, 'doc-008.jpg'));
    expect(readImageHeader(jpeg)).toEqual({ width: 1530, height: 2064, format: 'jpeg' });
  });

  it('When image bytes are corrupt, then a clear AppError is thrown', async () => {
    const corrupt = Buffer.concat([pngHeader(800, 600), Buffer.from('not really a png')]);
    const err = await prepareImage(corrupt).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'CORRUPT_FILE' });
    await expect(prepareImage(Buffer.from('%PDF-1.7 hello'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_FILE_TYPE',
    });
  });

  it('When a pixel is seal red, then it takes the paper brightness while black ink stays black', () => {
    // seal ink on paper lit to ~230, black ink, the paper itself
    const rgb = Buffer.from([230, 60, 60, 20, 20, 20, 232, 230, 228]);
    const grey = toGrey(rgb, 3, true);
    expect(Math.abs((grey[0] ?? 0) - (grey[2] ?? 0))).toBeLessThan(10);
    expect(grey[1]).toBeLessThan(30);
  });

  it('When a photo is prepared, then the result is a grey PNG about A4 at 200 dpi', async () => {
    const prepared = await prepareImage(readFileSync(path.join(DOCS, 'doc-008.jpg')));
    const meta = await sharp(prepared.png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.channels).toBe(1);
    expect(Math.min(prepared.width, prepared.height)).toBeGreaterThan(1300);
    expect(Math.min(prepared.width, prepared.height)).toBeLessThan(2000);
  });
});
