/**
 * OCR lines → the same shape as text-layer lines: cells split where OCR printed a table border (|) or a
 * wide gap, stray quote marks from border strokes removed, and unambiguous misreadings fixed
 * (">=" → "≥", "〈夏装)" → "（夏装）"). Cells the engine already split are cleaned the same way.
 */
import { OCR_TEXT_FIXES } from '../data/vocab';
import type { DocumentText, PageText, TextLine } from '../types';

const EDGE_NOISE = /^[“”"'‘’。·、，,_~`]+|[“”"'‘’。·、，,_`]+$/g;

/** Cleans one OCR cell or word. */
export function cleanOcrText(s: string): string {
  return OCR_TEXT_FIXES.reduce((t, [re, to]) => t.replace(re, to), s)
    .replace(/[|｜“”"]/g, ' ')
    .replace(/[〈<（(]\s*(\d{4})\s*[)）]/g, '($1)')
    .replace(/>\s*=/g, '≥')
    .replace(/<\s*=/g, '≤')
    .replace(/〈([\u3400-\u9fff]{1,8})[)）]/g, '（$1）')
    .replace(/\(([\u3400-\u9fff]{1,8})[)）]/g, '（$1）')
    .replace(/ {2,}/g, ' ')
    .replace(/([\u3400-\u9fff]) +(?=（)/g, '$1')
    .replace(/（ +/g, '（')
    .replace(/ +）/g, '）')
    .trim()
    .replace(EDGE_NOISE, '')
    .trim();
}

/** Splits an OCR line into cells at table borders and runs of two or more spaces. */
export function splitOcrLine(text: string): string[] {
  return text
    .split(/\s*[|｜]\s*|\s{2,}|\t/)
    .map(cleanOcrText)
    .filter((c) => c !== '');
}

function cleanLine(line: TextLine): TextLine {
  // cells the OCR engine already split (word gaps) are cleaned and split further at borders
  const cells =
    line.cells && line.cells.length > 1 ? line.cells.flatMap(splitOcrLine) : splitOcrLine(line.text);
  const words = line.words?.map((w) => ({ ...w, text: cleanOcrText(w.text) })).filter((w) => w.text !== '');
  return { ...line, text: cells.join(' '), cells, words };
}

/** OCR pages cleaned for the parsers; text-layer pages unchanged. Idempotent. */
export function prepareDocument(doc: DocumentText): DocumentText {
  if (!doc.pages.some((p) => p.source === 'ocr')) return doc;
  return {
    ...doc,
    pages: doc.pages.map((p): PageText => (p.source === 'ocr' ? { ...p, lines: p.lines.map(cleanLine) } : p)),
  };
}
