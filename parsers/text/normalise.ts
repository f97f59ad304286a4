/**
 * Text normalisation for printed and OCR'd Chinese documents.
 * NFKC fixes Kangxi radicals (⼴ U+2F34 → 广) and full-width ASCII, but Chinese punctuation that
 * the document prints full-width (（）〔〕，：；～ …) is kept as printed, as the spec's `normalise()`
 * compares either form equally and names should stay as printed.
 */
const KEEP_FULL_WIDTH = new Set('（）［］【】〔〕｛｝，。：；！？、～《》“”‘’'.split(''));

/** NFKC per character, keeping Chinese full-width punctuation; collapses spaces (not tabs/newlines). */
export function normaliseText(s: string): string {
  let out = '';
  for (const ch of s) {
    out += KEEP_FULL_WIDTH.has(ch) ? ch : ch.normalize('NFKC');
  }
  return out.replace(/[\u00a0\u3000\u2002-\u200b]/g, ' ').replace(/ {2,}/g, ' ');
}

/** Full-width ASCII and brackets to half-width (for codes and numbers, not names). */
export function toHalfWidth(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[～〜]/g, '~');
}

const HAN = '\\u3400-\\u9fff';
const HAN_PUNCT = '（）【】〔〕《》，。：；、“”';

/** Removes spaces between two Han characters ("检 验 报 告" → "检验报告"), as OCR and letter-spaced titles print them. */
export function collapseHanSpaces(s: string): string {
  const re = new RegExp(`([${HAN}${HAN_PUNCT}])[ \\t]+(?=[${HAN}${HAN_PUNCT}])`, 'g');
  return s.replace(re, '$1');
}

/** Trim + collapse white space to single spaces. */
export function cleanValue(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** True for printed "no value" markers: /, —, ——, -, 无, N/A, 未明示, empty. */
export function isEmptyMarker(s: string | null | undefined): boolean {
  if (s === null || s === undefined) return true;
  const t = s.replace(/\s+/g, '');
  return t === '' || /^[/／\\—–―\-－_*.。·]+$/.test(t) || /^(?:无|N\/?A|未明示|未提供|不详|——)$/i.test(t);
}

/** True if the character is a Han ideograph. */
export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && /[\u3400-\u9fff]/.test(ch);
}

/** Han next to a Latin letter or digit, printed with a space between them and without one. */
const HAN_ALNUM_SPACED = /[\u3400-\u9fff] [A-Za-z0-9]|[A-Za-z0-9%] [\u3400-\u9fff]/g;
const HAN_ALNUM_TIGHT = /[\u3400-\u9fff][A-Za-z0-9]|[A-Za-z0-9%][\u3400-\u9fff]/g;

/**
 * Joins two wrapped pieces of one cell: no space between Han/full-width characters or inside words/numbers,
 * one space otherwise. Where Han meets a number or a Latin word at the wrap, the cell's own text decides:
 * a cell that spaces them everywhere else ("棉 53.8 聚酯纤维" / "46.2") keeps the space the wrap took,
 * one that never does ("符合GB 31701-2015中" / "5.2要求") joins tight (the line's trailing space is not
 * printed, so the wrap alone cannot tell).
 */
export function joinWrapped(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  const last = a[a.length - 1] ?? '';
  const first = b[0] ?? '';
  const meets = (isHan(last) && /[A-Za-z0-9]/.test(first)) || (/[A-Za-z0-9%]/.test(last) && isHan(first));
  if (meets) {
    const text = `${a}\n${b}`;
    const spaced = text.match(HAN_ALNUM_SPACED)?.length ?? 0;
    const tightly = text.match(HAN_ALNUM_TIGHT)?.length ?? 0;
    if (spaced > 0 && tightly === 0) return `${a} ${b}`;
  }
  const tight = /[\u3400-\u9fff（）【】〔〕《》，。：；、“”\-–—~～/.(]/;
  if (tight.test(last) || /[\u3400-\u9fff（）【】〔〕《》，。：；、”)]/.test(first)) return a + b;
  return `${a} ${b}`;
}
