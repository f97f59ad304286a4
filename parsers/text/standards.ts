/**
 * Standard numbers → `PREFIX NUMBER-YEAR` (`GB/T 31888-2015`), tolerant of spacing, dash variants,
 * full-width slashes, line breaks and OCR misreadings (GBMT → GB/T), with the class suffix (B类) read apart.
 */
import { STANDARD_PREFIXES } from '../data/vocab';

export interface FoundStandard {
  code: string;
  safetyClass: 'A' | 'B' | 'C' | null;
  index: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Prefix alternatives, longest first; "/" may be printed as ／ or misread by OCR as M, I, l, 1, |. */
const PREFIX_RE = [...STANDARD_PREFIXES]
  .sort((a, b) => b.length - a.length)
  .map((p) =>
    p
      .split('/')
      .map((part) => escape(part).split('').join('\\s*'))
      .join('\\s*[/／∕|MVIl]{0,2}\\s*'),
  )
  .join('|');
const STANDARD_RE = new RegExp(
  // OCR drops the dash before the year now and then ("GB/T318882015"): a year right after a number of
  // four or more digits still counts
  `(?<![A-Za-z])(${PREFIX_RE})\\s*(\\d{1,6}(?:\\s*\\.\\s*\\d{1,3})*)(?:\\s*[-—–―－~]\\s*|(?<=\\d{4}|\\.\\d{1,2}))((?:19|20)\\d{2})(?!\\d)`,
  'g',
);
const CLASS_RE = /^\s*[（(]?\s*([ABC])\s*类/;

const PREFIX_MATCHERS = [...STANDARD_PREFIXES]
  .sort((a, b) => b.length - a.length)
  .map((p) => ({
    prefix: p,
    re: new RegExp(
      `^${p
        .split('/')
        .map((part) => escape(part))
        .join('[/／∕|MVIl]{0,2}')}$`,
    ),
  }));

function canonicalPrefix(raw: string): string {
  const compact = raw.replace(/\s+/g, '');
  return PREFIX_MATCHERS.find((m) => m.re.test(compact))?.prefix ?? compact;
}

/** Every standard number cited in the text, normalised, in order (duplicates kept). */
export function findStandards(text: string): FoundStandard[] {
  const out: FoundStandard[] = [];
  for (const m of text.normalize('NFKC').matchAll(STANDARD_RE)) {
    const prefix = canonicalPrefix(m[1] ?? '');
    const num = (m[2] ?? '').replace(/\s+/g, '');
    const code = `${prefix} ${num}-${m[3] ?? ''}`;
    const after = text
      .normalize('NFKC')
      .slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 40);
    const cls = CLASS_RE.exec(after.replace(/^《[^》]*》/, ''));
    out.push({ code, safetyClass: (cls?.[1] as 'A' | 'B' | 'C' | undefined) ?? null, index: m.index ?? 0 });
  }
  return out;
}

/** Unique normalised standard numbers in order of first appearance. */
export function uniqueStandards(text: string): string[] {
  return [...new Set(findStandards(text).map((s) => s.code))];
}

/** Normalises one printed standard number, or null when it is not one. */
export function normaliseStandard(s: string): string | null {
  return findStandards(s)[0]?.code ?? null;
}
