/** The shapes the item-table line reader passes from step to step. */
import type { ColumnKind } from '../data/table-vocab';
import type { Box, ReportItem, Verdict } from '../types';

/** A line of the table region, with its words' boxes when known. */
export interface TableLine {
  page: number;
  index: number;
  text: string;
  box: Box | null;
  /** the box's vertical centre on the levelled page (level.ts): lines of one row agree on a page askew */
  levelledY: number | null;
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

/** The column header: its lines (`start`..`end` in the collected lines), column kinds and positions. */
export interface Header {
  start: number;
  end: number;
  /** column kinds in printed order */
  columns: ColumnKind[];
  /** column positions from the header words' boxes (empty when positions are unknown) */
  positions: ColumnPos[];
}

/** One item row: its printed number, the merged parent item it belongs to, and its (wrapped) lines. */
export interface Row {
  index: number | null;
  parent: string | null;
  lines: TableLine[];
}

/** One row's cells. */
export interface RowCells {
  name: string;
  unit: string | null;
  requirement: string | null;
  result: string | null;
  verdict: Verdict | null;
  hasValues: boolean;
}

/** What the item-table reader returns. */
export interface ItemTable {
  items: ReportItem[];
  /** `page:index` keys of the lines that belong to the table (header included) */
  consumed: Set<string>;
  /** column kinds in printed order, when a header was found */
  columns: ColumnKind[];
}
