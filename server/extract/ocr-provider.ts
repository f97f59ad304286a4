import type { PageText } from '../../parsers/types';

/** OCR for document intake: a scanned PDF page or a photo in, recognised lines with boxes out. */
export interface OcrProvider {
  /** Renders (or extracts) page `page` (1-based) of a PDF and recognises it. */
  recognisePdfPage(pdf: Buffer, page: number): Promise<PageText>;
  /** Prepares a photo or image (JPEG/PNG) and recognises it as page `page`. */
  recogniseImage(img: Buffer, page: number): Promise<PageText>;
  close(): Promise<void>;
}
