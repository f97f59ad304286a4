/**
 * Reading item rows by position: the header words' boxes give the column borders, and each word of a
 * row goes to the column it sits under. Separates cells that wrapped into each other in the text.
 */
import type { ColumnKind } from './data/table-vocab';
import { NO_UNIT } from './data/vocab';
import { fixUnit, headerKinds, isSubItem, verdictOf } from './item-vocab';
import { joinWrapped, normaliseText as lineTextNormalise } from './text/normalise';
import type { Box, Verdict } from './types';

/** A line of the table region, with its words' boxes when known. */
export interface TableLine {
  page: number;
  index: number;
  text: string;
  box: Box | null;
  confidence: number;
  source: 'text_layer' | 'ocr';
  words?: { text: string; box: Box | null }[];
}

/** A table column located on the page (from the header words' boxes). */
export interface ColumnPos {
  kind: ColumnKind;
  xc: number;
  x0: number;
  x1: number;
}

/** One row's cells. */
export interface Parsed {
  name: string;
  unit: string | null;
  requirement: string | null;
  result: string | null;
  verdict: Verdict | null;
  hasValues: boolean;
}

/** Column centres from the boxes of the header words (empty when positions are unknown). */
export function headerPositions(header: TableLine[]): ColumnPos[] {
  const found: ColumnPos[] = [];
  // the line naming most columns first: a centred title like "检 验 结 果" must not claim a column
  const ordered = [...header].sort(
    (a, b) => headerKinds(b.text).kinds.length - headerKinds(a.text).kinds.length,
  );
  for (const l of ordered) {
    for (const w of l.words ?? []) {
      if (!w.box) continue;
      const h = headerKinds(w.text);
      const kind = h.kinds.length === 1 && h.pure ? h.kinds[0] : undefined;
      if (kind && !found.some((f) => f.kind === kind)) {
        found.push({ kind, xc: (w.box.x0 + w.box.x1) / 2, x0: w.box.x0, x1: w.box.x1 });
      }
    }
  }
  found.sort((a, b) => a.xc - b.xc);
  const kinds = found.map((f) => f.kind);
  return kinds.includes('name') && kinds.includes('result') && found.length >= 4 ? found : [];
}

/**
 * Reads a row by where its words sit under the header columns (text layer and OCR words with boxes).
 * Null when a line of the row has no word boxes.
 */
export function parseRowByPosition(row: TableLine[], positions: ColumnPos[]): Parsed | null {
  if (positions.length === 0 || row.some((l) => !l.words?.length || l.words.some((w) => !w.box))) return null;
  const bounds = positions.map((p, i) => {
    const prev = positions[i - 1];
    const next = positions[i + 1];
    // borders half-way across the gap between neighbouring header words
    return { kind: p.kind, from: prev ? (prev.x1 + p.x0) / 2 : -1, to: next ? (p.x1 + next.x0) / 2 : 2 };
  });
  const text = new Map<ColumnKind, string>();
  row.forEach((l, li) => {
    const perLine = new Map<ColumnKind, { text: string; x1: number; h: number }>();
    // runs: words printed without a gap belong together (a centred cell split by a font change)
    const runs: { text: string; box: Box }[] = [];
    for (const w of l.words ?? []) {
      if (!w.box || !w.text) continue;
      const last = runs[runs.length - 1];
      const h = w.box.y1 - w.box.y0;
      if (last && w.box.x0 - last.box.x1 < h * 0.15 && w.box.x0 >= last.box.x0) {
        last.text += w.text;
        last.box = { ...last.box, x1: Math.max(last.box.x1, w.box.x1) };
      } else {
        runs.push({ text: w.text, box: { ...w.box } });
      }
    }
    for (const w of runs) {
      let t = w.text;
      const xc = (w.box.x0 + w.box.x1) / 2;
      let kind = isSubItem(t) ? 'name' : (bounds.find((b) => xc >= b.from && xc < b.to)?.kind ?? 'remark');
      if (kind === 'index' || (li === 0 && kind === 'name')) {
        // the index column holds only the row number; left-aligned names start under it
        const m = /^(\d{1,3})(?:\s+|$)(.*)$/.exec(t);
        if (m) t = m[2] ?? '';
        kind = 'name';
        if (!t) continue;
      }
      const prev = perLine.get(kind);
      const h = w.box.y1 - w.box.y0;
      const gap = prev ? w.box.x0 - prev.x1 : 0;
      perLine.set(kind, {
        text: prev ? (gap > h * 0.25 ? `${prev.text} ${t}` : prev.text + t) : t,
        x1: w.box.x1,
        h,
      });
    }
    for (const [kind, v] of perLine) text.set(kind, joinWrapped(text.get(kind) ?? '', v.text.trim()));
  });
  const get = (k: ColumnKind) => {
    const v = text.get(k);
    return v === undefined || v === '' ? null : lineTextNormalise(v);
  };
  const name = get('name');
  if (!name) return null;
  let unit = get('unit');
  if (unit !== null) unit = NO_UNIT.includes(fixUnit(unit)) ? null : fixUnit(unit);
  let requirement = get('requirement');
  if (requirement !== null && /^[/／]$/.test(requirement)) requirement = null;
  const verdictText = get('verdict');
  return {
    name,
    unit,
    requirement,
    result: get('result'),
    verdict: verdictOf(verdictText),
    hasValues: text.size > 1,
  };
}
