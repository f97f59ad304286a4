/**
 * The wording of a lab's seal (检验检测专用章) that OCR read into a table cell's text: the red seal is
 * lifted off the page before OCR, but where it stands over a cell its strokes often survive in part and
 * the recogniser reads them with the cell's text, misreading some ("检验检测专6草", "检验检测寿章") or
 * keeping only its first words ("检验检测1级", "微生物检验检测真菌菌落总数"). No item name, limit or result
 * prints those words, so a run of them is no part of the cell.
 */
import { SEAL_WORDING } from '../data/vocab';
import { editDistance } from './edit-distance';

/** Characters of the whole wording OCR may misread: a run this close to it is the seal. */
const WHOLE_WORDING_EDITS = 2;
/** The wording's first words, read exactly: the rest of the seal lost (or hidden by the cell's text). */
const OPENING_WORDS = ['检验检测', '检验检'];

/**
 * Where the seal's wording stands in a text, as code-point offsets [from, to): its whole wording read
 * with at most two characters wrong, else its opening words read exactly; null when neither is there.
 */
export function sealWordingIn(text: string): { from: number; to: number } | null {
  const chars = [...text];
  const whole = [...SEAL_WORDING];
  let best: { from: number; to: number; edits: number } | null = null;
  for (let from = 0; from < chars.length; from++) {
    // the wording opens with 检验 or 检测 however the rest was read
    if (chars[from] !== whole[0] || !['验', '测'].includes(chars[from + 1] ?? '')) continue;
    for (let len = whole.length - WHOLE_WORDING_EDITS; len <= whole.length + 1; len++) {
      if (from + len > chars.length) break;
      const edits = editDistance(chars.slice(from, from + len).join(''), SEAL_WORDING);
      if (
        edits <= WHOLE_WORDING_EDITS &&
        (!best || edits < best.edits || (edits === best.edits && len > best.to - best.from))
      ) {
        best = { from, to: from + len, edits };
      }
    }
  }
  if (best) return { from: best.from, to: best.to };
  for (const words of OPENING_WORDS) {
    const at = text.indexOf(words);
    if (at >= 0) {
      const from = [...text.slice(0, at)].length;
      return { from, to: from + [...words].length };
    }
  }
  return null;
}
