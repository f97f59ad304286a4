/**
 * Finds printed field labels (from a vocabulary) in a flow of text and reads the value that follows
 * each one, up to the next label. Labels may be letter-spaced or wrapped ("商 标", "安全技术类\n别").
 */
const LABEL_BOUNDARY_BEFORE = /[\s；;，,。、|）)]/;

export interface LabelHit<F extends string> {
  field: F | null;
  label: string;
  /** priority within its field: 0 = preferred */
  rank: number;
  start: number;
  valueStart: number;
  /** start of the next label (end of this value) */
  valueEnd: number;
}

const escapeChar = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Letters OCR reads as digits in printed English labels ("TestPeri0d", "Lot N0."). */
const OCR_LETTER_DIGITS: Record<string, string> = { o: '0', O: '0', l: '1', I: '1' };

function ocrLetter(c: string): string {
  const digit = OCR_LETTER_DIGITS[c];
  return digit ? `[${c}${digit}]` : escapeChar(c);
}

/**
 * A label's key: without spaces; English labels also in lower case with the digits OCR reads for
 * letters put back, so "TestPeri0d" finds Test Period. Only the label's own case variants share a key.
 */
function labelKey(raw: string): string {
  const key = raw.replace(/\s+/g, '');
  if (!/^[\x20-\x7e]+$/.test(raw)) return key;
  return key.toLowerCase().replace(/0/g, 'o').replace(/[1i]/g, 'l');
}

/**
 * A label's pattern. A Chinese label runs into no Latin word ("型号A1" is no label) — except with
 * cell labels, where a bilingual cell's lines join tight ("买受人" over "Purchaser": "买受人Purchaser").
 */
function labelPattern(label: string, cellLabels = false): string {
  const isAscii = /^[\x20-\x7e]+$/.test(label);
  if (isAscii) {
    // "Model" must not match the start of "Models"; "No." may run into its value ("No.ZH240650443");
    // OCR often drops the space between words ("SampleName", "Dateofissue")
    const words = label
      .split(' ')
      .map((w) => [...w].map(ocrLetter).join(''))
      .join('\\s*');
    return /[A-Za-z]$/.test(label) ? `${words}(?![A-Za-z])` : words;
  }
  const han = [...label.replace(/\s+/g, '')].map(escapeChar).join('\\s*');
  return cellLabels ? han : `${han}(?![A-Za-z])`;
}

/**
 * The ways an English label is capitalised on a page: as listed, Title Case ("Date Of Issue"),
 * sentence case ("Date of issue"), capitals ("DATE OF ISSUE"). All lower case is left out: a label
 * is not printed so, while the same words in a sentence would end the value before them.
 */
function caseVariants(label: string): string[] {
  if (!/^[\x20-\x7e]+$/.test(label) || !/[A-Za-z]/.test(label)) return [label];
  const words = label.split(' ');
  const cap = (w: string) => (w ? (w[0] ?? '').toUpperCase() + w.slice(1).toLowerCase() : w);
  const variants = [
    label,
    words.map(cap).join(' '),
    [cap(words[0] ?? ''), ...words.slice(1).map((w) => w.toLowerCase())].join(' '),
    label.toUpperCase(),
  ];
  return [...new Set(variants)];
}

interface LabelEntry<F extends string> {
  field: F | null;
  label: string;
  rank: number;
  /** written "乙方：": counts only with its colon (or, for cell labels, alone in its cell) */
  needsColon: boolean;
  /** written "^编号": counts only where a word starts, never as the tail of a longer word ("项目编号") */
  atBoundary: boolean;
}

/**
 * How labels are printed in tables as well as in text (contracts: "买方 ⇥ name", "订货方 Purchaser ⇥
 * name", "需方（甲方） ⇥ name"): a label written with its colon also counts without it when it fills
 * its cell, a short parenthetical after a label belongs to it wherever the label ends, and labels of
 * one field printed side by side in two languages are one label.
 */
export interface LabelIndexOptions {
  cellLabels?: boolean;
}

/** A compiled label vocabulary. */
export class LabelIndex<F extends string> {
  private readonly re: RegExp;
  private readonly byKey = new Map<string, LabelEntry<F>>();
  private readonly cellLabels: boolean;

  constructor(
    fields: Record<F, readonly string[]>,
    stops: readonly string[],
    options: LabelIndexOptions = {},
  ) {
    this.cellLabels = options.cellLabels ?? false;
    // a label written with a trailing colon ("乙方：") only counts when the document prints the colon
    const entry = (field: F | null, raw: string, rank: number): LabelEntry<F> => {
      const needsColon = /[:：]$/.test(raw);
      const atBoundary = raw.startsWith('^');
      return { field, label: raw.replace(/[:：]$/, '').replace(/^\^/, ''), rank, needsColon, atBoundary };
    };
    const entries: LabelEntry<F>[] = [];
    for (const [field, labels] of Object.entries(fields) as [F, readonly string[]][]) {
      labels.forEach((label, rank) => {
        for (const v of caseVariants(label)) entries.push(entry(field, v, rank));
      });
    }
    for (const label of stops) for (const v of caseVariants(label)) entries.push(entry(null, v, 99));
    entries.sort((a, b) => b.label.replace(/\s+/g, '').length - a.label.replace(/\s+/g, '').length);
    const alternatives: string[] = [];
    const patterns = new Set<string>();
    for (const e of entries) {
      const key = labelKey(e.label);
      if (!this.byKey.has(key)) this.byKey.set(key, e);
      const pattern = labelPattern(e.label, this.cellLabels);
      if (patterns.has(pattern)) continue;
      patterns.add(pattern);
      alternatives.push(pattern);
    }
    // a short parenthetical between label and colon ("乙方（中标人）：", "甲方（盖章）：") belongs to the label
    // (with cell labels also at the end of its cell, "需方（甲方） ⇥ name", and up to three of them,
    // "Party B (Seller)（盖章） (Seal)：")
    const after = this.cellLabels ? '(?=[ \\t]*[:：]|[ ]*[\\t\\n]|[ ]*$)' : '(?=[ \\t]*[:：])';
    this.re = new RegExp(
      `(${alternatives.join('|')})(?:(?:\\s*[（(][^）)\\n]{1,10}[）)]){1,${this.cellLabels ? 3 : 1}}${after})?([ \\t]*[:：])?`,
      'g',
    );
  }

  /** Every label occurrence in the text, with the value span that follows it. */
  find(text: string): LabelHit<F>[] {
    const found: { entry: LabelEntry<F>; start: number; end: number; colon: boolean; boundary: boolean }[] =
      [];
    const re = new RegExp(this.re.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const raw = m[1] ?? '';
      const entry = this.byKey.get(labelKey(raw));
      if (!entry) continue;
      const before = start > 0 ? text[start - 1] : undefined;
      const ascii = /^[\x20-\x7e]+$/.test(raw);
      const boundary =
        before === undefined || LABEL_BOUNDARY_BEFORE.test(before) || (ascii && /[^A-Za-z]/.test(before));
      const colon = Boolean(m[2]);
      // with cell labels, a match that can count for nothing (inside a word, no colon) hides no label
      // starting within it: "供货合同" over a cell "编号" reads 合同\n编号 first, then 编号
      if (this.cellLabels && !boundary && !colon) {
        re.lastIndex = start + 1;
        continue;
      }
      const next = { entry, start, end: start + m[0].length, colon, boundary };
      // "订货方 Purchaser：", "合同编号 Contract No.": one label in two languages
      const prev = found[found.length - 1];
      if (
        this.cellLabels &&
        prev &&
        !prev.colon &&
        prev.entry.field !== null &&
        prev.entry.field === entry.field &&
        /^[ /]*$/.test(text.slice(prev.end, start))
      ) {
        prev.end = next.end;
        prev.colon = next.colon;
        prev.entry = { ...prev.entry, needsColon: prev.entry.needsColon && entry.needsColon };
        continue;
      }
      found.push(next);
    }
    const hits: LabelHit<F>[] = [];
    for (const { entry, start, end, colon, boundary } of found) {
      if (entry.atBoundary && !boundary) continue;
      // a label that fills its cell (a key/value table) needs no colon
      const alone =
        this.cellLabels &&
        (start === 0 || /[\t\n]/.test(text[start - 1] ?? '')) &&
        /^[ ]*(?:[\t\n]|$)/.test(text.slice(end));
      if ((!boundary || entry.needsColon) && !colon && !alone) continue;
      hits.push({
        field: entry.field,
        label: entry.label,
        rank: entry.rank,
        start,
        valueStart: end,
        valueEnd: text.length,
      });
    }
    for (let i = 0; i < hits.length - 1; i++) {
      const h = hits[i];
      const next = hits[i + 1];
      if (h && next) h.valueEnd = next.start;
    }
    return hits;
  }
}

export type ValueMode = 'cell' | 'line' | 'block';

/**
 * The value text after a label: `cell` = up to the next tab or newline, `line` = up to the newline,
 * `block` = everything up to the next label. Leading separators and colons are dropped.
 */
export function valueText(
  text: string,
  hit: { valueStart: number; valueEnd: number },
  mode: ValueMode,
): string {
  let v = text.slice(hit.valueStart, hit.valueEnd).replace(/^[\s:：;；,，.。]+/, '');
  if (mode === 'cell') v = v.split(/[\t\n]/)[0] ?? '';
  else if (mode === 'line') v = v.split('\n')[0] ?? '';
  return v.trim();
}

/** Offset of the value's first character (after separators) — for locating it on the page. */
export function valueOffset(text: string, hit: { valueStart: number; valueEnd: number }): number {
  const lead = /^[\s:：;；,，.。]*/.exec(text.slice(hit.valueStart, hit.valueEnd));
  return hit.valueStart + (lead?.[0].length ?? 0);
}
