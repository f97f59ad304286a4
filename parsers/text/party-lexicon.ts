/**
 * Decoding a party name read by OCR against the names registered where the document is used (issue 13
 * point 4: a rare character such as 涪 is read as 培 or dropped). The reading is compared with every
 * registered name by an edit cost weighted by how OCR errs: a substitution between look-alike characters
 * (data/confusable-chars.ts) or a dropped character is cheap, any other substitution is dear unless the
 * model itself was unsure of the line. A reading within reach of exactly one registered name is decoded
 * to it and flagged for review with what was read; within reach of several, the reading is kept and
 * flagged; a name the text layer printed is never touched (it is what the document says).
 */
import { confusable } from '../data/confusable-chars';
import { labelOf } from '../data/field-labels';
import { normalisePartyName } from '../party-identity';
import type { DocumentText, Extraction, FieldMeta, ReviewFlag } from '../types';

/** What a parse may know beyond the document: the party names registered for it (none for `dsv extract`). */
export interface ParseContext {
  partyNames?: readonly string[];
  /**
   * Where `partyNames` come from, for the review message: the district's register (the service, default)
   * or the text layers of the other documents handed in with this one (`dsv audit` of a folder).
   */
  partyNamesSource?: 'register' | 'folder';
}

/** How a review message names the list a reading was decoded against. */
const NAMES_SOURCE_TEXT = {
  register: '登记名称',
  folder: '同批文本文件所载名称',
} as const;

/** Edit costs (see the module note). A reading is decoded to a name at most `ACCEPT` away. */
const COST = {
  lookAlike: 0.4,
  /** a character of the registered name the reading lacks (a thin or rare glyph dropped) */
  dropped: 0.8,
  /** a character the reading has and the registered name lacks (a stamp or rule read as text) */
  extra: 1,
  other: 1,
  /** any other substitution in a line the model read with less than `UNSURE` confidence */
  otherUnsure: 0.7,
} as const;
const ACCEPT = 0.8;
const UNSURE = 0.9;
/** Shorter registered names are not decoded to: one character is too large a share of them. */
const MIN_LENGTH = 6;
/** A numeral is never a misread to repair: 第一小学 and 第二小学 are two schools. */
const NUMERAL = /[0-9一二三四五六七八九十百〇零]/g;

/** The weighted edit cost of reading `registered` as `read`. */
export function readingCost(read: string, registered: string, confidence = 1): number {
  const other = confidence < UNSURE ? COST.otherUnsure : COST.other;
  const row = Array.from({ length: registered.length + 1 }, (_, j) => j * COST.dropped);
  for (let i = 1; i <= read.length; i++) {
    let diag = row[0]!;
    row[0] = i * COST.extra;
    for (let j = 1; j <= registered.length; j++) {
      const a = read[i - 1]!;
      const b = registered[j - 1]!;
      const sub = a === b ? 0 : confusable(a, b) ? COST.lookAlike : other;
      const next = Math.min(row[j]! + COST.extra, row[j - 1]! + COST.dropped, diag + sub);
      diag = row[j]!;
      row[j] = next;
    }
  }
  return row[registered.length]!;
}

export type PartyDecoding =
  | { kind: 'unchanged' }
  | { kind: 'decoded'; name: string; cost: number }
  | { kind: 'ambiguous'; candidates: string[] };

/**
 * How an OCR reading of a party name relates to the registered names: `decoded` to the one within reach,
 * `ambiguous` when several are, `unchanged` when it is one of them or near none. `confidence` is the
 * reading's OCR confidence (0..1).
 */
export function decodePartyName(read: string, registered: readonly string[], confidence = 1): PartyDecoding {
  const r = normalisePartyName(read);
  if (!r) return { kind: 'unchanged' };
  const names = [...new Set(registered)].filter((n) => normalisePartyName(n) !== '');
  if (names.some((n) => normalisePartyName(n) === r)) return { kind: 'unchanged' };
  const numerals = (s: string) => (s.match(NUMERAL) ?? []).join('');
  const near = names
    .map((name) => ({ name, norm: normalisePartyName(name) }))
    .filter((n) => n.norm.length >= MIN_LENGTH && numerals(n.norm) === numerals(r))
    .map((n) => ({ name: n.name, cost: readingCost(r, n.norm, confidence) }))
    .filter((n) => n.cost <= ACCEPT + 1e-9)
    .sort((a, b) => a.cost - b.cost);
  const best = near[0];
  if (!best) return { kind: 'unchanged' };
  if (near.length > 1) return { kind: 'ambiguous', candidates: near.map((n) => n.name) };
  return { kind: 'decoded', name: best.name, cost: best.cost };
}

/**
 * A party field as the parser returns it: the OCR reading decoded against `context.partyNames` when the
 * field was read by OCR, with the review flag that says what was read. Text-layer fields, fields without
 * a value and parses without registered names come back unchanged.
 */
export function decodePartyField(
  path: string,
  value: string | null,
  meta: FieldMeta | null,
  doc: DocumentText,
  context: ParseContext | undefined,
): { value: string | null; flag: ReviewFlag | null } {
  const names = context?.partyNames ?? [];
  const page = doc.pages.find((p) => p.page === meta?.page);
  if (!value || !meta || names.length === 0 || page?.source !== 'ocr') return { value, flag: null };
  const d = decodePartyName(value, names, meta.confidence);
  const source = NAMES_SOURCE_TEXT[context?.partyNamesSource ?? 'register'];
  if (d.kind === 'decoded') {
    return {
      value: d.name,
      flag: {
        path,
        reason: 'name_decoded',
        message: `「${labelOf(path)}」识别为“${value}”，已按${source}更正为“${d.name}”，请核对原件`,
      },
    };
  }
  if (d.kind === 'ambiguous') {
    return {
      value,
      flag: {
        path,
        reason: 'name_ambiguous',
        message: `「${labelOf(path)}」识别为“${value}”，与${source}中的 ${d.candidates.map((n) => `“${n}”`).join('、')} 都相近，请核对原件`,
      },
    };
  }
  return { value, flag: null };
}

/** The party fields of each kind of document whose names can be decoded (and read as evidence). */
const PARTY_FIELDS = {
  contract: ['purchaser.name', 'supplier.name'],
  test_report: ['client', 'manufacturer'],
} as const;

function partyValue(extraction: Extraction, path: string): string | null {
  if (extraction.kind === 'contract') {
    return path === 'purchaser.name' ? extraction.purchaser.name : extraction.supplier.name;
  }
  return path === 'client' ? extraction.client : extraction.manufacturer;
}

/**
 * The party names a document's text layer prints (a contract's purchaser and supplier, a report's client
 * and manufacturer), read from `extraction`, the parse of `doc`: names from OCR'd pages are left out, so
 * that a folder without a district (`dsv audit`) can decode its OCR readings against what its own text
 * layers print, never against another reading.
 */
export function textLayerPartyNames(doc: DocumentText, extraction: Extraction): string[] {
  const out: string[] = [];
  for (const path of PARTY_FIELDS[extraction.kind]) {
    const value = partyValue(extraction, path);
    const page = extraction.fields?.[path]?.page ?? null;
    const source = doc.pages.find((p) => p.page === page)?.source;
    if (
      value &&
      (source === 'text_layer' || (page === null && doc.pages.every((p) => p.source === 'text_layer')))
    ) {
      out.push(value);
    }
  }
  return out;
}
