/**
 * The item tables of a report, read from page geometry (words with boxes, ruling lines): ruled tables
 * by their lines (lattice.ts), the others by their header line and the white space between columns
 * (stream.ts); columns by the meaning of their headers or their content (roles.ts); rows into items
 * (rows.ts). Tables continued on the next page keep their columns; a summary table (items and
 * verdicts only) is merged into the detail table that follows it; the end marker ends reading.
 * Returns null when the pages carry no positions (text without geometry): the line reader is used.
 */
import type { ColumnKind } from '../data/table-vocab';
import { CHECK_MARKS, SEAL_FRAGMENT, SEAL_TEXT, VERDICT_MARK_OCR_FIXES, VERDICT_WORDS } from '../data/vocab';
import type { Box, DocumentText, ReportItem } from '../types';
import {
  boxOf,
  cellAt,
  colsOf,
  medianWordHeight,
  pieceOf,
  rowsOf,
  type Grid,
  type GridCell,
  type Word,
} from './grid';
import { sealWordingIn } from '../text/seal-wording';
import { itemNameKey, ocrVerdictCellOf } from '../item-vocab';
import { finishItem, printedVerdict } from './items';
import { levelBox, levelSlope } from './level';
import { labelColumnTables } from './label-column';
import { lastRowOf, latticeGrids } from './lattice';
import {
  findHeader,
  findMatrixHeader,
  findRolesByContent,
  headerCellKind,
  resolveRoles,
  type ColumnRole,
  type TableLayout,
} from './roles';
import { readRows, type RawItem } from './rows';
import { continuedTable, headerlessTables, streamTables, type StreamTable } from './stream';

export interface TableReading {
  items: ReportItem[];
  /** where the item tables are (on the levelled page, level.ts): lines inside are table rows, not header fields */
  regions: { page: number; box: Box }[];
  /** a printed end marker (以下空白 …) closed the table */
  ended: boolean;
  /** items that only a summary table listed (no detail row was found for them) */
  summaryOnly: string[];
}

interface Read {
  raw: RawItem[];
  roles: ColumnRole[];
  summary: boolean;
  ended: boolean;
  region: Box;
  /** a table without column lines: its columns, for its continuation on the next page */
  /** a line-read table's columns: borders, kinds, and which held nothing below the header */
  columns?: { xs: number[]; kinds: (ColumnKind | null)[]; empty: boolean[] };
  /** the x borders of the grid read (absent for a transposed grid): where each role's column stands */
  xs?: number[];
}

/** Verdict words of two characters or more, longest first (a segment is split into them whole). */
const STACKABLE_VERDICTS = Object.keys(VERDICT_WORDS)
  .filter((w) => [...w].length >= 2)
  .sort((a, b) => b.length - a.length);

/**
 * Check marks as OCR reads them (√ ×, and the signs it misreads them as: < > +), one character each: a
 * run of them in one tall segment is a mark per row too ("<<").
 */
const STACKABLE_MARKS = new Set([
  ...CHECK_MARKS,
  ...Object.keys(VERDICT_MARK_OCR_FIXES).filter((w) => [...w].length === 1 && !/[A-Za-z]/.test(w)),
]);

/** A text made only of verdict words or only of check marks ("符合符合", "合格不合格", "<<"): those, else null. */
function verdictRun(text: string): string[] | null {
  const compact = text.replace(/\s+/g, '');
  const marks = [...compact];
  if (marks.length >= 2 && marks.every((c) => STACKABLE_MARKS.has(c))) return marks;
  const out: string[] = [];
  let rest = compact;
  while (rest) {
    const w = STACKABLE_VERDICTS.find((v) => rest.startsWith(v));
    if (!w) return null;
    out.push(w);
    rest = rest.slice(w.length);
  }
  return out;
}

/**
 * An OCR segment holding the verdicts of rows printed one above the other ("符合符合", as tall as two
 * lines: the detector took the column's neighbouring cells for one text) split into one word per
 * verdict, each with its share of the height, so that each row keeps its own verdict.
 */
function splitStackedVerdicts(words: Word[]): Word[] {
  const lineH = medianWordHeight(words, 0);
  return words.flatMap((w) => {
    const run = verdictRun(w.text);
    const h = w.box.y1 - w.box.y0;
    if (!run || run.length < 2 || h < lineH * 1.5) return [w];
    return run.map((text, k) => ({
      ...w,
      text,
      box: { ...w.box, y0: w.box.y0 + (h * k) / run.length, y1: w.box.y0 + (h * (k + 1)) / run.length },
    }));
  });
}

/** Words (with boxes) of a page, levelled when it is askew, or null when its text has no positions. */
function pageWords(doc: DocumentText, i: number): Word[] | null {
  const page = doc.pages[i];
  if (!page) return null;
  const slope = levelSlope(page);
  const words: Word[] = [];
  for (const line of page.lines) {
    if (!line.text.trim()) continue;
    if (!line.words?.length) return null;
    for (const w of line.words) {
      if (!w.box) return null;
      if (w.text.trim()) {
        words.push({ text: w.text.trim(), box: levelBox(w.box, slope), confidence: w.confidence });
      }
    }
  }
  if (page.source !== 'ocr') return words;
  // the seal's wording OCR read over a cell is no part of it (its whole wording, or a run of it)
  const sealFree = words.flatMap((w) =>
    SEAL_TEXT.test(w.text) || SEAL_FRAGMENT.test(w.text) ? [] : withoutSealWording(w),
  );
  return splitStackedVerdicts(sealFree);
}

/** A word without the seal's wording OCR read into it (sealWordingIn); nothing when that was all of it. */
function withoutSealWording(w: Word): Word[] {
  const seal = sealWordingIn(w.text);
  if (!seal) return [w];
  const n = [...w.text].length;
  const before = pieceOf(w, 0, seal.from);
  const after = pieceOf(w, seal.to, n);
  if (!before.text) return after.text ? [after] : [];
  if (!after.text) return [before];
  // inside the text: one word still, its box as read
  return [{ ...w, text: `${before.text}${after.text}` }];
}

const kindsRepeat = (kinds: (ColumnKind | 'matrix' | null)[]): number | null => {
  for (let p = 2; p <= kinds.length / 2; p++) {
    if (kinds.length % p !== 0) continue;
    if (kinds.every((k, i) => k === kinds[i % p]) && kinds.slice(0, p).includes('name')) return p;
  }
  return null;
};

/** A sub-grid of columns [c0, c1). */
function columnsOf(grid: Grid, c0: number, c1: number): Grid {
  const cells: GridCell[] = grid.cells
    .filter((c) => c.col >= c0 && c.col + c.colSpan <= c1)
    .map((c) => ({ ...c, col: c.col - c0 }));
  return { ...grid, xs: grid.xs.slice(c0, c1 + 1), cells };
}

/** Transposes a grid (rows ↔ columns): a table printing one item per column. */
function transpose(grid: Grid): Grid {
  return {
    ...grid,
    xs: grid.ys,
    ys: grid.xs,
    cells: grid.cells.map((c) => ({ ...c, row: c.col, col: c.row, rowSpan: c.colSpan, colSpan: c.rowSpan })),
  };
}

/** A title row across the whole grid at its top ("可迁移元素"): its text, and the grid without it. */
function stripTitle(grid: Grid): { title: string | null; grid: Grid } {
  const first = grid.cells.find((c) => c.row === 0 && c.col === 0);
  if (!first || first.colSpan !== colsOf(grid) || first.rowSpan !== 1 || !first.text.trim()) {
    return { title: null, grid };
  }
  if (headerCellKind(first.text)) return { title: null, grid };
  const cells = grid.cells.filter((c) => c !== first).map((c) => ({ ...c, row: c.row - 1 }));
  return { title: first.text.trim(), grid: { ...grid, ys: grid.ys.slice(1), cells } };
}

/** The page area of rows fromRow … toRow (cells keep their page boxes, also in a transposed grid). */
function regionOf(grid: Grid, fromRow: number, toRow: number): Box {
  const cells = grid.cells.filter((c) => c.row + c.rowSpan - 1 >= fromRow && c.row <= toRow);
  if (cells.length === 0) return boxOf(grid);
  return {
    x0: Math.min(...cells.map((c) => c.box.x0)),
    y0: Math.min(...cells.map((c) => c.box.y0)),
    x1: Math.max(...cells.map((c) => c.box.x1)),
    y1: Math.max(...cells.map((c) => c.box.y1)),
  };
}

const isSummary = (roles: ColumnRole[]) =>
  !roles.some((r) => r.kind === 'result' || r.kind === 'requirement' || r.kind === 'matrix');

/** Reads one grid whose layout is known, splitting side-by-side halves ("序号 项目 结论 | 序号 项目 结论"). */
function readWithLayout(grid: Grid, layout: TableLayout, title: string | null = null): Read[] {
  const from = layout.headerTo + 1;
  const roles = resolveRoles(grid, layout, from, rowsOf(grid) - 1);
  const period = kindsRepeat(roles.map((r) => r.kind));
  if (period) {
    const out: Read[] = [];
    for (let c = 0; c < colsOf(grid); c += period) {
      const sub = columnsOf(grid, c, c + period);
      out.push(...readWithLayout(sub, { ...layout, columns: layout.columns.slice(c, c + period) }, title));
    }
    return out;
  }
  const rows = readRows(grid, roles, from, title);
  const region = regionOf(grid, Math.max(0, layout.headerFrom), rows.lastRow);
  // rows below the last item (a conclusion box ruled onto the table) are not the table's
  const itemsEnd = Math.max(...rows.items.map((r) => r.box.y1));
  if (rows.items.length && !rows.ended && itemsEnd < region.y1) region.y1 = itemsEnd;
  return [
    {
      raw: rows.items,
      roles,
      summary: isSummary(roles),
      ended: rows.ended,
      region,
      xs: grid.xs,
    },
  ];
}

/**
 * The roles of a grid continuing the previous page's table without its header, by x position: each
 * column takes the role of the previous table's column it stands in (a column split in two on this
 * page — a merged parent beside its sub-items — takes the role twice). Null when the grid does not
 * stand where the previous table stood, or its columns do not line up with the previous ones.
 */
export function rolesByPosition(
  xs: number[],
  previous: { xs: number[]; roles: ColumnRole[] },
): ColumnRole[] | null {
  const px = previous.xs;
  const left = px[0] ?? 0;
  const right = px[px.length - 1] ?? 1;
  const width = right - left;
  if (width <= 0 || Math.abs((xs[0] ?? 0) - left) > width * 0.05) return null;
  if (Math.abs((xs[xs.length - 1] ?? 1) - right) > width * 0.05) return null;
  const roles: ColumnRole[] = [];
  const hits = previous.roles.map(() => 0);
  for (let c = 0; c + 1 < xs.length; c++) {
    const mid = ((xs[c] ?? 0) + (xs[c + 1] ?? 0)) / 2;
    const at = px.findIndex((x, k) => k + 1 < px.length && mid >= x && mid < (px[k + 1] ?? 0));
    const role = previous.roles[at];
    if (at < 0 || !role) return null;
    hits[at] = (hits[at] ?? 0) + 1;
    roles.push({ ...role });
  }
  // columns of other widths (a table laid out again on the new page) do not line up: every column of
  // the previous table must be found, and only the item-name column may have been split in two
  const lined = hits.every((n, k) => n === 1 || (n === 2 && previous.roles[k]?.kind === 'name'));
  return lined ? roles : null;
}

/** The layout of a ruled grid: its header, its transposed header, or the previous table's columns. */
function readLattice(grid: Grid, previous: Read | null): Read[] {
  const layout = findHeader(grid) ?? findMatrixHeader(grid);
  if (layout) return readWithLayout(grid, layout);
  const { title, grid: body } = stripTitle(grid);
  const turned = transpose(body);
  const across = findHeader(turned);
  if (across) return readWithLayout(turned, across, title).map((r) => ({ ...r, xs: undefined }));
  // a table continued from the previous page without its header: the columns it stands in
  const inherited =
    previous && previous.roles.length === colsOf(grid)
      ? previous.roles
      : previous?.xs
        ? rolesByPosition(grid.xs, { xs: previous.xs, roles: previous.roles })
        : null;
  if (inherited && inherited.some((r) => r.kind === 'name')) {
    return readWithLayout(grid, { headerFrom: -1, headerTo: -1, columns: inherited, by: 'previous' });
  }
  // no header read (none printed, or printed unreadably): the columns' roles from their content
  const byContent = findRolesByContent(grid);
  return byContent ? readWithLayout(grid, byContent) : [];
}

/**
 * A table read from OCR'd geometry is trusted when most of its rows carry a name and a verdict word
 * in its verdict column: a grid formed on words that are not a table (or on misplaced columns)
 * gives rows without one of them. Rows continuing the page before's table under its columns
 * (`continued`) count with a limit or result read where their marks were misread or not seen.
 */
function readsAsTable(raw: RawItem[], headed: boolean, continued = false): boolean {
  // under a header line of its own, rows with names are items even where a seal hid their verdicts
  // (kept with the verdict unread and flagged): one such row is a table (a last matrix of one row)
  const complete = raw.filter(
    (r) =>
      r.name.trim() &&
      (headed ||
        ocrVerdictCellOf(r.verdictText?.trim() || null) ||
        (continued && (r.requirement?.trim() || r.result?.trim()))),
  ).length;
  return complete >= (headed ? 1 : 2) && complete >= raw.length * 0.6;
}

/**
 * A ruled grid holding only a table's header (header rows drawn as boxes or shaded, the body printed
 * without lines): no item table by itself; its words are read with the body's (stream.ts, label-column.ts).
 */
function headerOnly(grid: Grid): boolean {
  const layout = findHeader(grid) ?? findMatrixHeader(grid);
  return layout !== null && layout.headerTo >= rowsOf(grid) - 1;
}

/** Reads every item table of the document; null when positions are unknown. */
/** Columns whose cells below the header rows hold no text (a remark column nobody wrote in). */
function emptyColumns(grid: Grid, headerRows: number): boolean[] {
  return Array.from({ length: colsOf(grid) }, (_, c) => {
    for (let r = headerRows; r < rowsOf(grid); r++) if (cellAt(grid, r, c)?.text.trim()) return false;
    return true;
  });
}

export function readItemTables(doc: DocumentText): TableReading | null {
  const pages = doc.pages.map((_, i) => pageWords(doc, i));
  if (pages.some((w) => w === null)) return null;
  const reads: Read[] = [];
  const regions: TableReading['regions'] = [];
  let ended = false;
  for (let i = 0; i < doc.pages.length && !ended; i++) {
    const page = doc.pages[i];
    const words = pages[i] ?? [];
    if (!page) continue;
    const splitRuns = page.source === 'ocr';
    const slope = levelSlope(page);
    const rules = (page.rules ?? []).map((r) => levelBox(r, slope));
    // one ruled row at the top of the page, as wide as the table the page before did not end: its last row
    const last = reads[reads.length - 1];
    const { grids, rowLines } = latticeGrids(
      words,
      rules,
      page.page,
      splitRuns,
      lastRowOf(last && !last.ended ? last.region : null, rules),
    );
    const inside = (w: Word, g: Grid) => {
      const b = boxOf(g);
      const x = (w.box.x0 + w.box.x1) / 2;
      const y = (w.box.y0 + w.box.y1) / 2;
      return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
    };
    // words of ruled tables that hold no item table stay available to the header-line reader
    // (a grid holding only a header is none, on a page after a table too: its body is printed unruled)
    const itemGrids = grids.filter(
      (g) =>
        !headerOnly(g) &&
        (findHeader(g) ||
          findMatrixHeader(g) ||
          findHeader(transpose(stripTitle(g).grid)) ||
          reads.length ||
          findRolesByContent(g)),
    );
    const loose = words.filter((w) => !itemGrids.some((g) => inside(w, g)));
    // matrix tables labelled by their first column, read as the ruled grid they would be
    const labelled = labelColumnTables(loose, page.page, splitRuns);
    const taken = new Set(labelled.flatMap((t) => t.words));
    const outside = loose.filter((w) => !taken.has(w));
    const headed = streamTables(
      outside,
      rowLines,
      page.page,
      splitRuns,
      [...itemGrids, ...labelled.map((t) => t.grid)].map((g) => g.ys[0] ?? 0),
    );
    const readStream = (s: StreamTable) =>
      readWithLayout(s.grid, {
        headerFrom: s.headerRows ? 0 : -1,
        headerTo: s.headerRows - 1,
        columns: s.kinds.map((k, c) => {
          const sub = k
            ? undefined
            : s.subLabels?.find((l) => l.x >= (s.grid.xs[c] ?? 0) && l.x < (s.grid.xs[c + 1] ?? 1));
          return sub ? { kind: null, label: sub.label } : { kind: k };
        }),
        by: s.headerRows ? 'header' : 'previous',
      }).map((r) => ({
        ...r,
        ended: r.ended || s.ended,
        columns: { xs: s.grid.xs, kinds: s.kinds, empty: emptyColumns(s.grid, s.headerRows) },
      }));
    const found = [
      ...itemGrids.map((g) => ({
        y: g.ys[0] ?? 0,
        read: () => readLattice(g, reads[reads.length - 1] ?? null),
        // a ruled table under a header row of its own, as a table found by its header line is
        headed: findHeader(g) !== null || findMatrixHeader(g) !== null,
        continued: false,
      })),
      ...headed.map((s) => ({
        y: s.grid.ys[0] ?? 0,
        read: () => readStream(s),
        headed: true,
        continued: false,
      })),
      ...labelled.map((t) => ({
        y: t.grid.ys[0] ?? 0,
        read: () => readLattice(t.grid, null).map((r) => ({ ...r, ended: r.ended || t.ended })),
        headed: false,
        continued: false,
      })),
    ];
    // the previous page's table going on here without its header, above any new table
    const previous = reads[reads.length - 1];
    let cont: StreamTable | null = null;
    if (previous?.columns && !previous.ended) {
      const top = Math.min(1, ...found.map((c) => c.y));
      cont = continuedTable(
        outside.filter((w) => w.box.y1 <= top),
        previous.columns,
        rowLines,
        page.page,
        splitRuns,
      );
    }
    // lines standing in columns outside every table found by its header or continued: a table
    // printed without a header
    const continued = cont ? [cont] : [];
    const unheaded = outside.filter((w) => ![...headed, ...continued].some((s) => inside(w, s.grid)));
    // the tables read otherwise stand between a headerless table and an end marker below them
    const tops = [...found.map((c) => c.y), ...continued.map((s) => s.grid.ys[0] ?? 0)];
    const headerless = headerlessTables(unheaded, rowLines, page.page, splitRuns, tops);
    const candidates = [
      ...continued.map((s) => ({
        y: s.grid.ys[0] ?? 0,
        read: () => readStream(s),
        headed: false,
        continued: true,
      })),
      ...found,
      ...headerless.map((s) => ({
        y: s.grid.ys[0] ?? 0,
        read: () => readStream(s),
        headed: false,
        continued: false,
      })),
    ].sort((a, b) => a.y - b.y);
    for (const c of candidates) {
      for (const r of c.read()) {
        if (r.raw.length === 0) continue;
        // an OCR'd table whose rows mostly lack a name or a verdict was not read as a table
        if (page.source === 'ocr' && !readsAsTable(r.raw, c.headed, c.continued)) continue;
        reads.push(r);
        regions.push({ page: page.page, box: r.region });
        ended ||= r.ended;
      }
      if (ended) break;
    }
  }
  if (reads.length === 0) return null;
  const ocr = doc.pages.some((p) => p.source === 'ocr');
  // a summary (items and verdicts only) stands for its detail rows: detail wins, summary-only items stay
  const detail = reads.filter((r) => !r.summary).flatMap((r) => r.raw);
  const summaries = reads.filter((r) => r.summary).flatMap((r) => r.raw);
  const detailRead = detail.map((d) => finishItem(d, ocr));
  const detailNames = detailRead.map((d) => d.name);
  const summaryKeys = summaries.map((s) => itemNameKey(finishItem(s, ocr).name));
  const names = new Set(detailNames.map(itemNameKey));
  // a summary row naming a parent ("可迁移元素") stands for its sub-items in the detail
  const parents = new Set(
    detailNames.flatMap((n) =>
      n
        .split(' ')
        .slice(0, -1)
        .map((_, i, a) => itemNameKey(a.slice(0, i + 1).join(' '))),
    ),
  );
  const summaryOnly = summaries.filter(
    (_, k) => !names.has(summaryKeys[k] ?? '') && !parents.has(summaryKeys[k] ?? ''),
  );
  // a detail row whose verdict was not read (a seal over it, a faint mark) has the verdict its summary
  // row prints for it, when one summary row names it
  const printedInSummary = new Map<string, string | null>();
  summaries.forEach((s, k) => {
    const key = summaryKeys[k] ?? '';
    printedInSummary.set(key, printedInSummary.has(key) ? null : s.verdictText);
  });
  const completed = detail.map((d, i) => {
    if (detailRead[i]?.verdict !== null) return d;
    const verdictText = printedInSummary.get(itemNameKey(detailNames[i] ?? ''));
    return verdictText ? { ...d, verdictText } : d;
  });
  // boxes as they stand on the page read (a levelled page's boxes turned back)
  const asRead = (raw: RawItem): RawItem => {
    const slope = levelSlope(doc.pages.find((p) => p.page === raw.page));
    return slope ? { ...raw, box: levelBox(raw.box, slope, true) } : raw;
  };
  // … and one whose summary row prints another verdict says so (checks/report-checks.ts flags it);
  // summary-only rows (after the detail rows) are as printed
  const finished = (raw: RawItem, i: number): ReportItem => {
    const item = finishItem(asRead(raw), ocr);
    if (i >= completed.length || item.verdict === null) return item;
    const inSummary = printedVerdict(printedInSummary.get(itemNameKey(item.name)) ?? null, ocr);
    return inSummary && inSummary !== item.verdict ? { ...item, verdictInSummary: inSummary } : item;
  };
  const ordered = detail.length ? [...completed, ...summaryOnly] : summaries;
  return {
    items: ordered.map(finished),
    regions,
    ended,
    summaryOnly: detail.length ? summaryOnly.map((s) => finishItem(s, ocr).name) : [],
  };
}
