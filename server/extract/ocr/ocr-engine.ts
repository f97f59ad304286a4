/**
 * The one contract every OCR engine implements: a prepared PNG in, recognised lines with
 * boxes (fractions 0..1 of the image, origin top-left) and confidences (0..1) out.
 */
import type { Box, PageText, TextLine } from '../../../parsers/types';

/** One recognised word, kept so later stages can re-read cells or locate a value. */
export interface OcrWord {
  text: string;
  box: Box;
  /** 0..1 */
  confidence: number;
}

/** A TextLine as produced by OCR: every line keeps its words with their boxes. */
export interface OcrLine extends TextLine {
  box: Box;
  words: OcrWord[];
}

export interface OcrPageText extends PageText {
  source: 'ocr';
  lines: OcrLine[];
  /**
   * Clockwise degrees the engine turned the page to read it upright (a page scanned sideways or
   * upside down); the boxes are fractions of the turned page.
   */
  rotation?: 0 | 90 | 180 | 270;
}

export type OcrEngineName = 'tesseract' | 'paddle';

export interface OcrEngine {
  readonly name: OcrEngineName;
  /** Recognises one prepared page image (PNG). `page` is the 1-based page number to report. */
  recognise(image: Buffer, page: number): Promise<OcrPageText>;
  /** Stops every worker (thread or process); the engine cannot be used afterwards. */
  close(): Promise<void>;
}

/** Pixel rectangle → fractions of the image, clamped to 0..1. */
export function normaliseBox(
  px: { x0: number; y0: number; x1: number; y1: number },
  width: number,
  height: number,
): Box {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const r = (v: number) => Math.round(v * 10000) / 10000;
  return {
    x0: r(clamp(px.x0 / width)),
    y0: r(clamp(px.y0 / height)),
    x1: r(clamp(px.x1 / width)),
    y1: r(clamp(px.y1 / height)),
  };
}
