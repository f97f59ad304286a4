/**
 * The OCR page cache of the accuracy workbenches (bench/extract-diff.ts writes it, bench/audit.bench.ts
 * reads it): a scanned or photographed file's recognised text (DocumentText) under
 * DATA_DIR/ocr-cache/<engine>/<sha256 of the file>.json.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { config } from '../server/config';

export function ocrCacheDir(engine: string): string {
  return path.join(config().DATA_DIR, 'ocr-cache', engine);
}

export function ocrCacheFile(dir: string, file: Buffer): string {
  return path.join(dir, `${createHash('sha256').update(file).digest('hex')}.json`);
}
