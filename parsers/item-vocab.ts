/**
 * Item-table vocabulary helpers: column headers, verdict words (with OCR misreadings), units, item and
 * sub-item names, and the corrections OCR text needs (≤/≥ signs, half grades, names snapped to the
 * known vocabulary). Pure; the vocabularies themselves are data in data/vocab.ts and data/table-vocab.ts.
 */
import { REQUIREMENT_DIRECTION, TABLE_HEADER_WORDS, type ColumnKind } from './data/table-vocab';
import {
  ELEMENT_NAMES,
  KNOWN_ITEMS,
  NO_UNIT,
  SUB_ITEM_PATTERNS,
  SUB_ITEM_WORDS,
  MICROBE_NAMES,
  UNITS,
  UNIT_OCR_FIXES,
  VERDICT_MARK_OCR_FIXES,
  VERDICT_WORDS,
} from './data/vocab';
import { confusable } from './data/confusable-chars';
import { editDistance } from './text/edit-distance';
import type { Verdict } from './types';

export const compact = (s: string) => s.replace(/\s+/g, '');

/**
 * Header words as matched: compacted, and an abbreviation of two words ("Item No.") also without the
 * period OCR easily loses ("Item No" would read as an Item column and a No column).
 */
const HEADER_ENTRIES = (Object.entries(TABLE_HEADER_WORDS) as [ColumnKind, readonly string[]][])
  .flatMap(([kind, words]) =>
    words.flatMap((w) =>
      (/\s\S+\.$/.test(w) ? [w, w.slice(0, -1)] : [w]).map((v) => ({ kind, word: compact(v) })),
    ),
  )
  .sort((a, b) => b.word.length - a.word.length);

/** The one-word English header words (Limit, Result, Verdict …), lower case, with their kinds. */
const LATIN_HEADER_WORDS = (Object.entries(TABLE_HEADER_WORDS) as [ColumnKind, readonly string[]][])
  .flatMap(([kind, words]) => words.filter((w) => /^[A-Za-z]{4,}$/.test(w)).map((w) => ({ kind, word: w })))
  .map((e) => ({ ...e, lower: e.word.toLowerCase() }));

/**
 * The header word an English word is, read through a letter OCR misread (Limt, Resut, ltem, Verdlct,
 * unt): the word itself in the vocabulary's spelling when it is one (item → Item); else a word one edit
 * away (4–7 letters), two edits (from 8 letters), or for 3 letters a 4-letter word that lost one. Null
 * when none is, or when words of two kinds are that close.
 */
function latinHeaderWord(token: string): LatinHeaderHit | null {
  return latinHeaderWordOf(token.toLowerCase());
}

interface LatinHeaderHit {
  word: string;
  kind: ColumnKind;
  exact: boolean;
}

/**
 * A pure function of a string with its answers kept (a Map cleared when it holds `max`): the table
 * readers ask about the same words and lines many times, and a document repeats few of them.
 */
function remembered<T>(fn: (key: string) => T, max = 4096): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    if (answers.size >= max) answers.clear();
    const answer = fn(key);
    answers.set(key, answer);
    return answer;
  };
}

/**
 * latinHeaderWord's answers by lower-case word: every line of every page asks for each of its English
 * words, and the edit distances to every header word were most of a text PDF's parsing time (0.4 of
 * 1.1 CPU s on a dev report).
 */
const latinHeaderWordOf = remembered(latinHeaderWordUncached);

function latinHeaderWordUncached(t: string): LatinHeaderHit | null {
  const same = LATIN_HEADER_WORDS.find((e) => e.lower === t);
  if (same) return { word: same.word, kind: same.kind, exact: true };
  const allowed = t.length >= 8 ? 2 : 1;
  const near = LATIN_HEADER_WORDS.filter(
    // lengths further apart than the edits allowed cannot be that close
    (e) => Math.abs(e.lower.length - t.length) <= allowed && (t.length > 3 || e.lower.length === 4),
  )
    .map((e) => ({ e, d: editDistance(t, e.lower) }))
    .filter(({ d }) => d <= allowed)
    .sort((a, b) => a.d - b.d);
  const best = near[0];
  if (!best || new Set(near.map((n) => n.e.kind)).size > 1) return null;
  return { word: best.e.word, kind: best.e.kind, exact: false };
}

/** Han header words of three characters or more (单项结论, 试验方法), for look-alike matching. */
const HAN_HEADER_WORDS = HEADER_ENTRIES.filter((e) => /^[\u4e00-\u9fff]{3,}$/u.test(e.word)).map(
  (e) => e.word,
);

/**
 * `text` with a run that differs from a Han header word in one character OCR is known to read for
 * the printed one (data/confusable-chars.ts: 单项结仑 for 单项结论, its 讠 side lost) read as that word.
 * Only whole header words of three characters or more, one look-alike each: a line of body text
 * keeps its words.
 */
function snapHanHeaderWords(text: string): string {
  if (!/[\u4e00-\u9fff]/u.test(text)) return text;
  let out = text;
  for (const word of HAN_HEADER_WORDS) {
    if (out.includes(word)) continue;
    for (let i = 0; i + word.length <= out.length; i++) {
      let diff = -1;
      for (let k = 0; k < word.length; k++) {
        if (out[i + k] === word[k]) continue;
        diff = diff < 0 && confusable(out[i + k] ?? '', word[k] ?? '') ? k : -2;
        if (diff === -2) break;
      }
      if (diff >= 0) {
        out = out.slice(0, i) + word + out.slice(i + word.length);
        break;
      }
    }
  }
  return out;
}

/** Exact matches of the vocabulary's header words in `text`, longest first, and what is left. */
function matchHeaderWords(text: string): { found: { kind: ColumnKind; at: number }[]; rest: string } {
  let rest = compact(text);
  const found: { kind: ColumnKind; at: number }[] = [];
  let guard = 0;
  while (rest && guard++ < 30) {
    let hit = false;
    for (const { kind, word } of HEADER_ENTRIES) {
      const at = rest.indexOf(word);
      if (at >= 0) {
        found.push({ kind, at: compact(text).indexOf(word) });
        rest = rest.slice(0, at) + '\uE000' + rest.slice(at + word.length);
        hit = true;
        break;
      }
    }
    if (!hit) break;
  }
  return { found, rest };
}

/**
 * Column kinds named in a line (in order), whether the line consists of header words only, and the
 * share of its characters that are no header words (a sentence naming 项目 and 要求 is no header).
 * English words are matched whatever their case, and through a misread letter (latinHeaderWord) when
 * no English word of the line names that kind as printed: "Unit … Umit" keeps Umit unread.
 */
export function headerKinds(line: string): HeaderKinds {
  const found = headerKindsOf(line);
  return { ...found, kinds: [...found.kinds] };
}

export interface HeaderKinds {
  kinds: ColumnKind[];
  pure: boolean;
  other: number;
}

/** headerKinds' answers by line (callers get a copy of the kinds: the kept answer stays as found). */
const headerKindsOf = remembered(headerKindsUncached);

function headerKindsUncached(line: string): HeaderKinds {
  // a word OCR split in two ("Judgen ent"): joined when neither half is a header word and the whole is
  const joined = line.replace(/([A-Za-z]{2,}) ([A-Za-z]{2,})/g, (pair, a: string, b: string) => {
    if (latinHeaderWord(a)?.exact || latinHeaderWord(b)?.exact || !latinHeaderWord(a + b)) return pair;
    return a + b;
  });
  const cased = joined.replace(/[A-Za-z]{3,}/g, (w) => {
    const hit = latinHeaderWord(w);
    return hit?.exact ? hit.word : w;
  });
  // kinds the line's English words name as printed (its Chinese words may name them too: 结果 Resut)
  const named = new Set(matchHeaderWords(cased.replace(/[^A-Za-z/.\s]/g, ' ')).found.map((f) => f.kind));
  const text = snapHanHeaderWords(
    cased.replace(/[A-Za-z]{3,}/g, (w) => {
      const hit = latinHeaderWord(w);
      return hit && !hit.exact && !named.has(hit.kind) ? hit.word : w;
    }),
  );
  const { found, rest } = matchHeaderWords(text);
  const leftover = rest.replace(/\uE000/g, '').replace(/[()（）/:：.]/g, '');
  found.sort((a, b) => a.at - b.at);
  const all = compact(text).replace(/[()（）/:：.]/g, '').length || 1;
  return {
    kinds: [...new Set(found.map((f) => f.kind))],
    pure: leftover.length === 0,
    other: leftover.length / all,
  };
}

/** OCR misreadings of 合格/符合/不合格 ("符人台", "台格"): characters that only occur in verdict words. */
function fuzzyVerdict(t: string): Verdict | null {
  const negated = t.startsWith('不');
  const core = negated ? t.slice(1) : t;
  if (core.length < 2 || core.length > 3 || !/^[合台符格恪人各]+$/.test(core) || !/[合符格]/.test(core)) {
    return null;
  }
  return negated ? 'fail' : 'pass';
}

export function isVerdictToken(t: string | undefined): boolean {
  return t !== undefined && (compact(t) in VERDICT_WORDS || fuzzyVerdict(compact(t)) !== null);
}

export function verdictOf(t: string | null | undefined): Verdict | null {
  if (!t) return null;
  return VERDICT_WORDS[compact(t)] ?? fuzzyVerdict(compact(t));
}

/** English verdict words of four letters or more (Pass, Fail), lower case, with their verdicts. */
const LATIN_VERDICT_WORDS = Object.entries(VERDICT_WORDS)
  .filter(([w]) => /^[A-Za-z]{4,}$/.test(w))
  .map(([w, v]) => [w.toLowerCase(), v] as const);

/**
 * Chinese words of a pass or a fail (合格, 符合, 不合格, 不符合), with their verdicts. The words of no
 * verdict (不适用, 不判定) are left out: one character from a header word (判定) or a note.
 */
const HAN_VERDICT_WORDS = Object.entries(VERDICT_WORDS).filter(
  ([w, v]) => /^[\u4e00-\u9fff]{2,}$/.test(w) && v !== 'n/a',
);

/**
 * The verdict of a whole cell of an OCR'd table's verdict column: a verdict word, a check mark OCR
 * misread as a letter or sign (VERDICT_MARK_OCR_FIXES), an English verdict word whose last letter
 * OCR lost or whose letters a speck split ("Pas", "Pa.s" under a seal's edge): three letters that
 * begin one verdict word only, or four letters or more one letter off one ("PassS"); or a Chinese
 * verdict word of two characters or more with one character misread, lost or added ("待合" for 符合
 * where the seal's red stood over it), when every pass or fail word that close has one verdict
 * ("不合" is as close to 不合格 as to 符合: none). One character alone ("合") may be what is left of a
 * neighbour's word OCR read across two rows: no verdict. The parser flags a verdict read this way.
 */
export function ocrVerdictCellOf(t: string | null | undefined): Verdict | null {
  if (!t) return null;
  const text = compact(t);
  const mark = VERDICT_MARK_OCR_FIXES[text];
  const read = verdictOf(t) ?? (mark ? verdictOf(mark) : null);
  if (read) return read;
  if (/^[\u4e00-\u9fff]{2,4}$/.test(text)) {
    return oneVerdict(HAN_VERDICT_WORDS.filter(([w]) => editDistance(text, w) <= 1));
  }
  const lower = text.toLowerCase();
  const letters = lower.replace(/[.,·'’]/g, '');
  if (!/^[a-z]{3,}$/.test(letters) || lower.length - letters.length > 1) return null;
  return oneVerdict(
    LATIN_VERDICT_WORDS.filter(
      ([w]) =>
        (w.length > letters.length && w.startsWith(letters)) ||
        (letters.length >= 4 && editDistance(letters, w) <= 1),
    ),
  );
}

/** The verdict all of `words` share, or null when there are none or they disagree. */
function oneVerdict(words: (readonly [string, Verdict])[]): Verdict | null {
  const verdicts = new Set(words.map(([, v]) => v));
  return verdicts.size === 1 ? ([...verdicts][0] ?? null) : null;
}

const UNIT_SET = new Set(UNITS.map((u) => u.toLowerCase()));
export function fixUnit(t: string): string {
  return UNIT_OCR_FIXES[t] ?? t;
}
/** A unit of the vocabulary as printed (any case): mg/kg, %, 级. */
export function isUnit(t: string): boolean {
  return UNIT_SET.has(t.toLowerCase());
}
export function isUnitToken(t: string | undefined): boolean {
  if (t === undefined) return false;
  const f = fixUnit(t);
  return isUnit(f) || NO_UNIT.includes(f);
}
/** One printed value: a number, a grade (4-5), a bound (<20, ≥3), a share (5%). */
export const ONE_VALUE = /^[<>≤≥＜＞]?[-+]?\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?%?$/;

export function isSubItem(name: string): boolean {
  const c = compact(name);
  return SUB_ITEM_WORDS.includes(c) || SUB_ITEM_PATTERNS.some((p) => p.test(c));
}

/**
 * A sub-item word and its unit OCR read as one segment ("变色级", "直向%"): the two cells, or null.
 * The unit is what isUnit knows (after fixUnit), the word what isSubItem knows; a sub-item word alone is
 * no such pair.
 */
export function subItemAndUnit(cell: string): [string, string] | null {
  const c = cell.trim();
  if (isSubItem(c)) return null;
  for (let k = 1; k < c.length; k++) {
    const head = c.slice(0, k);
    const tail = c.slice(k);
    if (isSubItem(head) && isUnit(fixUnit(tail))) return [head, tail];
  }
  return null;
}

/** "耐水色牢度变色" / "耐 水 色 牢 度 变色" → "耐水色牢度 变色"; printed "parent sub" stays as is. */
export function canonicalItemName(raw: string): string {
  const parts = raw.trim().split(/\s+/);
  const last = parts[parts.length - 1] ?? '';
  if (parts.length > 1 && (isSubItem(last) || nearMicrobe(last))) {
    return `${compact(parts.slice(0, -1).join(''))} ${last}`;
  }
  const c = compact(raw);
  for (const sub of [...SUB_ITEM_WORDS].sort((a, b) => b.length - a.length)) {
    if (c.endsWith(sub) && c.length - sub.length >= 2) {
      const head = c.slice(0, -sub.length);
      if (/[度力率]$/.test(head) || KNOWN_ITEMS.includes(head) || nearKnownItem(head)) {
        return `${head} ${sub}`;
      }
    }
  }
  // a patterned sub-item glued to its parent ("可迁移元素锑（Sb）", "邻苯二甲酸酯DBP+BBP+DEHP"): OCR
  // joins the parent's merged cell with the row's sub-item cell into one segment
  for (let k = c.length - 2; k >= 2; k--) {
    const head = c.slice(0, k);
    const sub = c.slice(k);
    if (!SUB_ITEM_PATTERNS.some((p) => p.test(sub))) continue;
    if (KNOWN_ITEMS.includes(head) || nearKnownItem(head)) return `${head} ${sub}`;
  }
  // an element whose name OCR lost, its symbol printed: "可迁移元素（Sb）" is 可迁移元素 锑（Sb）
  const symbol = /^(.{2,}?)([（(][A-Z][a-z]?[)）])$/.exec(c);
  const element = symbol ? snapElement(symbol[2] ?? '') : null;
  if (symbol && element && (KNOWN_ITEMS.includes(symbol[1] ?? '') || nearKnownItem(symbol[1] ?? ''))) {
    return `${symbol[1]} ${element}`;
  }
  if (/^[\u3400-\u9fff（）()]+$/.test(c) || KNOWN_ITEMS.includes(c)) return c;
  return raw.trim().replace(/\s+/g, ' ');
}

/** A misread known item name ("耐汗溃色牢屋" for 耐汗渍色牢度): two edits at most, on five or more characters. */
/** A microbe's name with one character misread (真菌菌洛总数): snapItemName restores it. */
function nearMicrobe(word: string): boolean {
  const c = compact(word);
  return (
    c.length >= 4 && MICROBE_NAMES.some((m) => Math.abs(m.length - c.length) <= 1 && editDistance(m, c) <= 1)
  );
}

function nearKnownItem(head: string): boolean {
  return (
    head.length >= 5 &&
    KNOWN_ITEMS.some((k) => Math.abs(k.length - head.length) <= 2 && editDistance(k, head) <= 2)
  );
}

/**
 * The same item name however it was printed or read: full- and half-width brackets and letters alike
 * (NFKC), spaces ignored — "可迁移元素 砷(As)" on a detail page is "可迁移元素砷（As）" on the summary.
 */
export function itemNameKey(name: string): string {
  return compact(name.normalize('NFKC'));
}

/** A name the vocabulary knows as a test item, as printed or with its sub-item word ("耐水色牢度 沾色"). */
export function isKnownItemName(name: string): boolean {
  const head = compact(parentOf(canonicalItemName(name)) ?? canonicalItemName(name));
  return KNOWN_ITEMS.includes(head);
}

/** The name of the parent item when `name` ends with a sub-item word ("耐水色牢度 变色" → "耐水色牢度"). */
export function parentOf(name: string): string | null {
  const parts = name.split(' ');
  if (parts.length > 1 && isSubItem(parts[parts.length - 1] ?? '')) return parts.slice(0, -1).join(' ');
  return null;
}

/** Restores ≤/≥ that OCR cannot read, from the item's usual limit direction. */
export function restoreSign(name: string, requirement: string | null): string | null {
  if (!requirement) return requirement;
  const m = /^(?:>=|<=|[<>＜＞乏之≦≧二三=和]|[^\d\s.+\-~～≤≥（(][\s]?)(?=\d)/.exec(requirement);
  if (!m) return requirement;
  const dir = REQUIREMENT_DIRECTION.find((d) => name.includes(d.fragment));
  if (!dir) return requirement;
  return dir.sign + requirement.slice(m[0].length);
}

/** OCR drops the dash of half grades ("45" for 4-5) in colour-fastness and pilling grades. */
export function restoreGrade(name: string, unit: string | null, value: string | null): string | null {
  if (!value || !(unit === '级' || /色牢度|起毛起球|变色|沾色/.test(name))) return value;
  const v = value.trim();
  const m = /^([≥≤]?)([1-4])[-~.]?([2-5])$/.exec(v);
  if (m && Number(m[3]) === Number(m[2]) + 1) return `${m[1]}${m[2]}-${m[3]}`;
  return v;
}

/**
 * "未检出(20)" → "未检出(<20)": the number after 未检出 is the detection limit, printed with "<" that OCR
 * often loses.
 */
export function restoreDetectionLimit(value: string | null): string | null {
  if (!value) return value;
  // "检出(<2)" is 未检出 whose first character OCR lost: a found amount is never printed below a limit
  const lost = /^检出\s*([（(]\s*[<＜])/.exec(value.trim());
  if (lost) return `未${value.trim()}`;
  const m = /^(未检出|ND|N\.D\.?)\s*([（(])\s*(\d+(?:\.\d+)?)\s*([）)])$/i.exec(value.trim());
  return m ? `${m[1]}${m[2]}<${m[3]}${m[4]}` : value;
}

/** A grade requirement is a minimum: OCR that lost the ≥ (or read it as "2") gets it back. */
export function restoreGradeRequirement(
  name: string,
  unit: string | null,
  requirement: string | null,
): string | null {
  const r = restoreGrade(name, unit, requirement);
  if (!r || !/色牢度|起毛起球/.test(name)) return r;
  const lost = /^[2二]?([1-5](?:-[2-5])?)$/.exec(r);
  return lost ? `≥${lost[1]}` : r;
}

/**
 * An element sub-item "X(Sym)" with its name as the symbol says ("镐(Cd)" → "镉(Cd)", and "(Sb)" whose
 * name OCR lost → "锑(Sb)": the printed symbol names the element); null for others.
 */
function snapElement(sub: string): string | null {
  const m = /^([\u4e00-\u9fa5]?)([（(])([A-Z][a-z]?)([)）])$/.exec(sub);
  const name = m ? ELEMENT_NAMES[m[3] ?? ''] : undefined;
  return m && name ? `${name}${m[2]}${m[3]}${m[4]}` : null;
}

/**
 * A sub-item word glued to its parent with one character misread as a look-alike ("水洗尺寸变化率模向"
 * for 水洗尺寸变化率 横向): the parent a known item, the misread character confusable with the word's
 * (data/confusable-chars.ts) — any other difference is not taken for the sub-item.
 */
function splitMisreadSub(name: string): { parent: string; sub: string } | null {
  if (KNOWN_ITEMS.includes(name)) return null;
  for (const word of SUB_ITEM_WORDS) {
    const parent = name.slice(0, -word.length);
    const tail = name.slice(-word.length);
    if (parent.length < 2 || tail.length !== word.length || tail === word) continue;
    const diff = [...tail].map((ch, i) => [ch, word[i] ?? ''] as const).filter(([a, b]) => a !== b);
    if (diff.length !== 1 || !confusable(diff[0]?.[0] ?? '', diff[0]?.[1] ?? '')) continue;
    if (KNOWN_ITEMS.includes(parent) || nearKnownItem(parent)) return { parent, sub: word };
  }
  return null;
}

/** Snaps an OCR'd item name to the nearest known item (and sub-item) name within one or two edits. */
export function snapItemName(name: string): string {
  const [head = '', ...rest] = name.split(' ');
  const snap = (w: string, vocab: readonly string[]) => {
    if (vocab.includes(w) || w.length < 2) return w;
    let best = w;
    let bestD = w.length >= 6 ? 2 : 1;
    for (const v of vocab) {
      if (Math.abs(v.length - w.length) > bestD) continue;
      const d = editDistance(w, v);
      if (d < bestD || (d === bestD && best === w && d <= (w.length >= 6 ? 2 : 1))) {
        best = v;
        bestD = d;
      }
    }
    return best;
  };
  const sub = rest.join(' ');
  const glued = sub ? null : splitMisreadSub(head);
  if (glued) return `${snap(glued.parent, KNOWN_ITEMS)} ${glued.sub}`;
  return [
    snap(head, KNOWN_ITEMS),
    sub ? (snapElement(sub) ?? snap(sub, [...SUB_ITEM_WORDS, ...MICROBE_NAMES])) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** OCR units outside the vocabulary: a known unit inside the token, else none. */
export function snapUnit(unit: string | null): string | null {
  if (unit === null || isUnitToken(unit)) return unit;
  const inside = [...UNITS].sort((a, b) => b.length - a.length).find((u) => u.length > 0 && unit.includes(u));
  return inside ?? null;
}

/**
 * An OCR'd row's unit, requirement and result with the misreadings OCR is known for restored: the unit
 * snapped to a known one, ≤/≥ and grade ranges of the requirement, grades and detection limits of the
 * result (each from the item's name). Both item-table readers (geometry and lines) apply it.
 */
export function restoreOcrValues(
  name: string,
  cells: { unit: string | null; requirement: string | null; result: string | null },
): { unit: string | null; requirement: string | null; result: string | null } {
  const unit = snapUnit(cells.unit);
  return {
    unit,
    requirement: restoreGradeRequirement(name, unit, restoreSign(name, cells.requirement)),
    result: restoreDetectionLimit(restoreGrade(name, unit, cells.result)),
  };
}
