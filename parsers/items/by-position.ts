/**
 * Reading item rows by position: the header words' boxes give the column borders, and each word of a
 * row goes to the column it sits under. Separates cells that wrapped into each other in the text.
 */
import type { ColumnKind } from '../data/table-vocab';
import { NO_UNIT } from '../data/vocab';
import { fixUnit, headerKinds, isSubItem, verdictOf } from '../item-vocab';
import { joinWrapped, normaliseText as lineTextNormalise } from '../text/normalise';
import type { Box } from '../types';
import type { ColumnPos, RowCells, TableLine } from './types';

/** A column's span across the page: from half-way to its left neighbour to half-way to its right one. */
interface ColumnBound {
  kind: ColumnKind;
  from: number;
  to: number;
}

/** Column centres from the boxes of the header words (empty when positions are unknown). */
export function headerPositions(header: readonly TableLine[]): ColumnPos[] {
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
export function parseRowByPosition(
  row: readonly TableLine[],
  positions: readonly ColumnPos[],
): RowCells | null {
  if (positions.length === 0 || row.some((l) => !l.words?.length || l.words.some((w) => !w.box))) return null;
  const bounds = columnBounds(positions);
  const text = new Map<ColumnKind, string>();
  row.forEach((l, li) => {
    for (const [kind, v] of lineColumns(l, li === 0, bounds)) {
      text.set(kind, joinWrapped(text.get(kind) ?? '', v));
    }
  });
  return cellsOf(text);
}

/** Borders half-way across the gap between neighbouring header words. */
function columnBounds(positions: readonly ColumnPos[]): ColumnBound[] {
  return positions.map((p, i) => {
    const prev = positions[i - 1];
    const next = positions[i + 1];
    return { kind: p.kind, from: prev ? (prev.x1 + p.x0) / 2 : -1, to: next ? (p.x1 + next.x0) / 2 : 2 };
  });
}

/** Runs: words printed without a gap belong together (a centred cell split by a font change). */
function wordRuns(words: TableLine['words']): { text: string; box: Box }[] {
  const runs: { text: string; box: Box }[] = [];
  for (const w of words ?? []) {
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
  return runs;
}

/** One line's text per column: each run goes to the column it sits under (sub-item names to the name). */
function lineColumns(
  line: TableLine,
  first: boolean,
  bounds: readonly ColumnBound[],
): Map<ColumnKind, string> {
  const perLine = new Map<ColumnKind, { text: string; x1: number }>();
  for (const w of wordRuns(line.words)) {
    let t = w.text;
    const xc = (w.box.x0 + w.box.x1) / 2;
    let kind = isSubItem(t) ? 'name' : (bounds.find((b) => xc >= b.from && xc < b.to)?.kind ?? 'remark');
    if (kind === 'index' || (first && kind === 'name')) {
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
    });
  }
  return new Map([...perLine].map(([kind, v]) => [kind, v.text.trim()]));
}

/** The row's cells from its text per column (null when it has no name). */
function cellsOf(text: ReadonlyMap<ColumnKind, string>): RowCells | null {
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
