/**
 * Set lines (套装): a contract line naming several pieces ("夏季校服（短袖POLO衫+短裤/短裙）",
 * "冬装（上衣+裤子）") is covered only when every piece is tested — the line's reports together must name
 * each piece. Conservative on both sides: a line whose name holds no recognisable list of pieces is
 * judged as any other line, and a report whose sample is named as the whole set (套装, 三件套) or names no
 * piece at all (中小学生校服（夏装）) is taken to cover every piece.
 */
import { compact } from './normalise';
import { reportEvidence, type Issue } from './issues';
import { reportLabel } from './report-checks';
import type { EngineReport } from './types';

/** The registry's set-line rule: piece words, whole-set words, generic words, categories and source. */
export interface SetLinesRule {
  categories: string[];
  pieceWords: string[];
  setWords: string[];
  /** A generic piece word and the fragments of the specific pieces it stands for (裤子 → 裤). */
  generic: Record<string, string[]>;
  source: string;
}

/** Separators of a piece list: + ＋ 、 / ／ ， , ； and 含 (西装套装含衬衫). */
const SEPARATOR = /[+、/,;；]|含/;

const norm = (s: string | null | undefined) => compact(s).toUpperCase();

const sortedWords = new WeakMap<SetLinesRule, string[]>();
/** The rule's piece words, normalised, longest first. */
function pieceWords(rule: SetLinesRule): string[] {
  let words = sortedWords.get(rule);
  if (!words) {
    words = [...new Set(rule.pieceWords.map(norm))].sort((a, b) => b.length - a.length);
    sortedWords.set(rule, words);
  }
  return words;
}

/** The longest piece word inside a segment of a name, or null. */
function pieceIn(segment: string, rule: SetLinesRule): string | null {
  return pieceWords(rule).find((w) => segment.includes(w)) ?? null;
}

/** Every piece word a text names (a word inside a longer named word is not counted again). */
function piecesNamed(text: string, rule: SetLinesRule): string[] {
  const found: string[] = [];
  for (const w of pieceWords(rule)) {
    if (text.includes(w) && !found.some((f) => f.includes(w))) found.push(w);
  }
  return found;
}

/**
 * The pieces a line's product name lists, or null when it lists none recognisably: the list inside
 * brackets when they hold a separator, else the whole name when it does; every segment must name a piece
 * and at least two distinct pieces must remain.
 */
export function linePieces(product: string, rule: SetLinesRule): string[] | null {
  const name = norm(product);
  const inBrackets = [...name.matchAll(/\(([^()]*)\)/g)].map((m) => m[1] ?? '');
  const list = inBrackets.find((g) => SEPARATOR.test(g)) ?? (SEPARATOR.test(name) ? name : null);
  if (!list) return null;
  const pieces: string[] = [];
  for (const segment of list.split(new RegExp(SEPARATOR.source, 'g')).filter(Boolean)) {
    const piece = pieceIn(segment, rule);
    if (!piece) return null;
    if (!pieces.includes(piece)) pieces.push(piece);
  }
  return pieces.length >= 2 ? pieces : null;
}

/** A tested word covers a piece when equal, or when either is a generic word the other falls under. */
function covers(word: string, piece: string, rule: SetLinesRule): boolean {
  if (word === piece) return true;
  const generic = (g: string, specific: string) =>
    (rule.generic[g] ?? []).some((fragment) => specific.includes(norm(fragment)));
  return generic(word, piece) || generic(piece, word);
}

/**
 * PRODUCT_MISMATCH naming each untested piece of a set line, from the reports that count for a side.
 */
export function checkSetPieces(
  product: string,
  category: string | null,
  reports: EngineReport[],
  rule: SetLinesRule,
): Issue[] {
  if (!category || !rule.categories.includes(category) || reports.length === 0) return [];
  const pieces = linePieces(product, rule);
  if (!pieces) return [];
  const tested: string[] = [];
  for (const r of reports) {
    const sample = norm(r.extraction.sample.name);
    const named = piecesNamed(sample, rule);
    // the whole set, or the product named without its pieces: every piece counts as tested
    if (rule.setWords.some((w) => sample.includes(norm(w))) || named.length === 0) return [];
    tested.push(...named);
    for (const item of r.extraction.items) tested.push(...piecesNamed(norm(item.name), rule));
  }
  const untested = pieces.filter((p) => !tested.some((w) => covers(w, p, rule)));
  if (untested.length === 0) return [];
  const samples = [...new Set(reports.map((r) => r.extraction.sample.name ?? '—'))].join('、');
  return [
    {
      code: 'PRODUCT_MISMATCH',
      message: `合同产品“${product}”为套装（${pieces.join('、')}），本行检验报告的样品为“${samples}”，${untested.join('、')}未经检验：套装的每一件均须有检验报告（${rule.source}）`,
      evidence: reports.map((r) =>
        reportEvidence(r, `${reportLabel(r.extraction)}样品名称：${r.extraction.sample.name ?? '—'}`, {
          field: 'sample.name',
        }),
      ),
    },
  ];
}
