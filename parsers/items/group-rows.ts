/**
 * Step 3b of the item-table line reader: the lines below the header grouped into item rows, one line
 * at a time: a numbered line starts a row, an unfinished row takes the wrapped lines below it, a bare
 * parent heading ("8 可迁移元素") becomes the parent of the sub-rows under it, repeated headers on
 * continued pages and category captions are skipped, and the table ends at "以下空白" and the like.
 */
import { PRINTED_TABLE_END, TABLE_END_MARKERS, TABLE_PAGE_NOISE, type ColumnKind } from '../data/table-vocab';
import { canonicalItemName, headerKinds, parentOf } from '../item-vocab';
import {
  isBareName,
  isCategoryRow,
  isSubRow,
  joinRow,
  looksComplete,
  rowIndex,
  rowTextComplete,
} from './row-shape';
import { parseRowText } from './split-cells';
import { lineKey } from './table-lines';
import type { Row, TableLine } from './types';

/** What grouping has read so far. */
export interface RowGroups {
  /** the rows found; the last is the one still being read */
  rows: readonly Row[];
  /** the last printed row number */
  lastIndex: number;
  /** the parent named by the last bare parent heading */
  lastParent: string | null;
  /** keys of the lines taken into the table */
  consumed: readonly string[];
  /** an end marker was met */
  ended: boolean;
}

/** What one line is to the table. */
type LineStep =
  | { kind: 'end'; consume: boolean }
  | { kind: 'header-again' }
  | { kind: 'numbered'; index: number; rest: string }
  | { kind: 'page-noise' }
  | { kind: 'first-sub-row'; parent: string }
  | { kind: 'wrapped' }
  | { kind: 'sub-row'; parent: string | null }
  | { kind: 'category' }
  | { kind: 'whole-row' }
  | { kind: 'outside' };

const START: RowGroups = { rows: [], lastIndex: 0, lastParent: null, consumed: [], ended: false };

/** Groups the table's body lines (below the header) into rows until an end marker. */
export function groupRows(lines: readonly TableLine[], columns: readonly ColumnKind[]): RowGroups {
  let state = START;
  for (const line of lines) {
    if (state.ended) break;
    state = applyStep(state, line, classifyLine(line.text, state, columns));
  }
  return state;
}

/** Decides what the line is, given the rows read so far (first rule that fits wins). */
function classifyLine(t: string, state: RowGroups, columns: readonly ColumnKind[]): LineStep {
  if (TABLE_END_MARKERS.some((re) => re.test(t))) {
    return { kind: 'end', consume: PRINTED_TABLE_END.test(t) };
  }
  const h = headerKinds(t);
  if (h.pure && h.kinds.length >= 2) return { kind: 'header-again' };
  const idx = rowIndex(t, state.lastIndex);
  if (idx) return { kind: 'numbered', ...idx };
  if (TABLE_PAGE_NOISE.some((re) => re.test(t))) return { kind: 'page-noise' };
  const current = state.rows[state.rows.length - 1];
  if (!current) return isCategoryRow(t) ? { kind: 'category' } : wholeRowOrOutside(t);
  const currentText = joinRow(current.lines);
  // the current row was a parent heading ("8 可迁移元素"): this line is its first sub-row
  if (isBareName(currentText) && looksComplete(t)) {
    return { kind: 'first-sub-row', parent: canonicalItemName(currentText) };
  }
  if (!rowTextComplete(currentText)) return { kind: 'wrapped' };
  if (isSubRow(t)) return { kind: 'sub-row', parent: subRowParent(current, state.lastParent, columns) };
  if (isCategoryRow(t)) return { kind: 'category' };
  return wholeRowOrOutside(t);
}

/** A whole row with tab-separated cells and no number, or a line outside any row. */
function wholeRowOrOutside(t: string): LineStep {
  return looksComplete(t) && t.includes('\t') ? { kind: 'whole-row' } : { kind: 'outside' };
}

/** The parent of a sub-row under `prev`: prev's parent, the parent in prev's name, or the last heading. */
function subRowParent(prev: Row, lastParent: string | null, columns: readonly ColumnKind[]): string | null {
  return (
    prev.parent || parentOf(canonicalItemName(parseRowText(joinRow(prev.lines), columns).name)) || lastParent
  );
}

/** The rows after taking one line as `step` says. */
function applyStep(state: RowGroups, line: TableLine, step: LineStep): RowGroups {
  const taken = (): RowGroups => ({ ...state, consumed: [...state.consumed, lineKey(line)] });
  const start = (row: Row): RowGroups => ({ ...taken(), rows: [...state.rows, row] });
  switch (step.kind) {
    case 'end':
      return { ...(step.consume ? taken() : state), ended: true };
    case 'header-again':
    case 'category':
      return taken();
    case 'numbered':
      return {
        ...start({ index: step.index, parent: null, lines: [{ ...line, text: step.rest.trim() }] }),
        lastIndex: step.index,
      };
    case 'first-sub-row':
      return {
        ...taken(),
        rows: [...state.rows.slice(0, -1), { index: null, parent: step.parent, lines: [line] }],
        lastParent: step.parent,
      };
    case 'wrapped':
      return {
        ...taken(),
        rows: state.rows.map((r, i) =>
          i === state.rows.length - 1 ? { ...r, lines: [...r.lines, line] } : r,
        ),
      };
    case 'sub-row':
      return start({ index: null, parent: step.parent, lines: [line] });
    case 'whole-row':
      return start({ index: null, parent: null, lines: [line] });
    case 'page-noise':
    case 'outside':
      return state;
  }
}
