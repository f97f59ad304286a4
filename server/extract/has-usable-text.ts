/**
 * Decides whether a PDF page's text layer is real text or the page needs OCR (STYLE.md G13).
 * Whitespace, form feeds and pdf-parse page markers are removed BEFORE measuring, so padding cannot
 * make an empty page look like text (Paperless GH #13387).
 */
export const MIN_USABLE_CHARS = 20;

/** True when the page text has at least `minChars` meaningful characters (Han, letters, digits). */
export function hasUsableText(text: string | null | undefined, minChars = MIN_USABLE_CHARS): boolean {
  if (!text) return false;
  const stripped = text
    .replace(/--\s*\d+\s*of\s*\d+\s*--/g, '')
    .replace(/[\s\f\u00a0\u3000]+/g, '')
    .replace(/[\uFFFD\p{Cc}]/gu, '');
  const meaningful = stripped.match(/[\p{Script=Han}\p{L}\p{N}]/gu) ?? [];
  return meaningful.length >= minChars;
}
