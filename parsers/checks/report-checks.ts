/**
 * Never silently wrong: what was read from a test report is checked against the report itself, and
 * every disagreement becomes a review flag (the value stays as printed, a person decides):
 *  - each item with a plain limit re-judged against its own printed requirement and result;
 *  - the overall conclusion against the item verdicts;
 *  - "共 N 页 第 M 页" against the pages read;
 *  - items printed after the table's end marker (以下空白);
 *  - an item count (or failed-item count) stated on the page against the items read.
 * Paths address the review screen's fields (`items.3.verdict`, `items`, `conclusion`, `pages`).
 */
import { FAILED_COUNT_PATTERNS, ITEM_COUNT_PATTERNS, PAGE_NUMBER_PATTERNS } from '../data/check-vocab';
import { TABLE_END_MARKERS } from '../data/table-vocab';
import { KNOWN_ITEMS, STANDARD_PREFIXES, SUB_ITEM_KINDS } from '../data/vocab';
import type { DocumentText, ReportItem, ReviewFlag, TestReportExtraction, TextLine } from '../types';
import { itemNameKey, ocrVerdictCellOf, ONE_VALUE, verdictOf } from '../item-vocab';
import { commonSubsequence } from '../text/edit-distance';
import { judge } from './requirement';

/** The printed end of an item table (the first of the table-end markers: 以下空白, 报告结束 …). */
const TABLE_END = TABLE_END_MARKERS[0] ?? /以下空白/;

const VERDICT_ZH = { pass: '合格', fail: '不合格', 'n/a': '不适用' } as const;

/**
 * Item verdicts that contradict the item's own requirement and result. A "not applicable" verdict
 * beside a measured result its requirement judges is one too: an item that was not tested has no
 * result to judge (a check mark OCR read as the slash some labs print for 不适用 reads so).
 */
export function checkItemVerdicts(items: ReportItem[]): ReviewFlag[] {
  const out: ReviewFlag[] = [];
  items.forEach((it, i) => {
    if (it.verdict !== 'pass' && it.verdict !== 'fail' && it.verdict !== 'n/a') return;
    const judged = judge(it.requirement, it.result, it.unit);
    if (judged === null && it.verdict === 'n/a' && isTestedResult(it.result)) {
      // a result no limit judges (未检出 under 不得检出, 符合 under 符合…要求) beside 不适用
      out.push({
        path: `items.${i}.verdict`,
        reason: 'verdict_contradicts_requirement',
        message: `检验项目“${it.name}”判定为不适用，但印有检验结果“${it.result ?? ''}”，请核对原件`,
      });
      return;
    }
    if (judged === null || judged === it.verdict) return;
    out.push({
      path: `items.${i}.verdict`,
      reason: 'verdict_contradicts_requirement',
      message: `检验项目“${it.name}”判定为${VERDICT_ZH[it.verdict]}，但结果“${it.result ?? ''}”按要求“${it.requirement ?? ''}”应为${VERDICT_ZH[judged]}，请核对原件`,
    });
  });
  return out;
}

/**
 * A result printed for an item that was tested: not empty, not a dash or slash, not 不适用 itself, nor
 * the absence of what the item tests (无绳带: a garment without cords, for which 绳带要求 does not apply).
 */
function isTestedResult(result: string | null): boolean {
  const t = (result ?? '').replace(/\s+/g, '');
  return t !== '' && verdictOf(t) !== 'n/a' && !/^(?:不适用|无|[-—―－/／]+$)/.test(t) && !/^N\/?A$/i.test(t);
}

/** Item verdicts their summary page prints otherwise (√ on the summary, / read on the detail row). */
export function checkSummaryVerdicts(items: ReportItem[]): ReviewFlag[] {
  return items.flatMap((it, i): ReviewFlag[] =>
    it.verdict && it.verdictInSummary && it.verdictInSummary !== it.verdict
      ? [
          {
            path: `items.${i}.verdict`,
            reason: 'contradicts_summary',
            message: `检验项目“${it.name}”的单项判定读为${VERDICT_ZH[it.verdict]}，而汇总页为${VERDICT_ZH[it.verdictInSummary]}，请核对原件`,
          },
        ]
      : [],
  );
}

/** The overall conclusion against the item verdicts (a contradiction is kept: the report may print it). */
export function checkConclusion(out: TestReportExtraction): ReviewFlag[] {
  const failed = out.items.map((it, i) => ({ it, i })).filter(({ it }) => it.verdict === 'fail');
  if (out.conclusion === 'pass' && failed.length > 0) {
    return [
      {
        path: 'conclusion',
        reason: 'conclusion_contradicts_items',
        message: `检验结论为合格，但有 ${failed.length} 个单项判定为不合格（${failed
          .slice(0, 3)
          .map(({ it }) => it.name)
          .join('、')}），请核对结论与单项判定`,
      },
      ...failed.map(({ it, i }) => ({
        path: `items.${i}.verdict`,
        reason: 'contradicts_conclusion',
        message: `检验项目“${it.name}”判定为不合格，而报告结论为合格，请核对`,
      })),
    ];
  }
  if (out.conclusion === 'fail' && out.items.length > 0 && failed.length === 0) {
    return [
      {
        path: 'items',
        reason: 'conclusion_contradicts_items',
        message: '检验结论为不合格，但未识别到不合格的单项，可能有检验项目漏读或误读，请核对检验结果表',
      },
    ];
  }
  return [];
}

/** Page numbers printed on the pages ("第 2 页 共 3 页") against the pages read. */
export function checkPages(doc: DocumentText): ReviewFlag[] {
  const totals = new Map<number, number>();
  const seen = new Set<number>();
  for (const p of doc.pages) {
    for (const l of p.lines) {
      const text = l.text.replace(/\t/g, ' ');
      for (const pat of PAGE_NUMBER_PATTERNS) {
        const m = pat.re.exec(text);
        if (!m) continue;
        const total = Number(m[pat.total ?? 0]);
        const page = Number(m[pat.page ?? 0]);
        if (total > 0 && page > 0 && page <= total) {
          totals.set(total, (totals.get(total) ?? 0) + 1);
          seen.add(page);
        }
        break;
      }
    }
  }
  if (totals.size === 0) return [];
  // the total most pages print (one misread page number does not decide)
  const stated = [...totals].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  const read = doc.pages.length;
  if (stated === read) return [];
  const missing = Array.from({ length: stated }, (_, k) => k + 1).filter((n) => !seen.has(n));
  const which = missing.length && missing.length < stated ? `（缺第 ${missing.join('、')} 页）` : '';
  return [
    {
      path: 'pages',
      reason: 'pages_missing',
      message: `报告注明共 ${stated} 页，实际读取 ${read} 页${which}，可能缺页，请上传完整报告或核对`,
    },
    {
      path: 'items',
      reason: 'pages_missing',
      message: `报告共 ${stated} 页而只读取到 ${read} 页，检验结果表可能不完整，请核对`,
    },
  ];
}

/** Items read from below the table's printed end (以下空白 …): they belong to no item table. */
export function checkAfterEnd(doc: DocumentText, items: ReportItem[]): ReviewFlag[] {
  // the last marker: a summary table before the detail pages may end with its own
  let end: { page: number; y: number } | null = null;
  for (const p of doc.pages) {
    for (const l of p.lines) {
      if (TABLE_END.test(l.text)) end = { page: p.page, y: l.box ? l.box.y0 : 1 };
    }
  }
  if (!end) return [];
  const e = end;
  const out: ReviewFlag[] = [];
  items.forEach((it, i) => {
    if (it.page === undefined) return;
    const after =
      it.page > e.page || (it.page === e.page && it.box !== null && it.box !== undefined && it.box.y0 > e.y);
    if (after) {
      out.push({
        path: `items.${i}`,
        reason: 'after_table_end',
        message: `检验项目“${it.name}”位于“以下空白”之后，可能不属于检验结果表，请核对`,
      });
    }
  });
  return out;
}

/** Distinct printed items: sub-items of one parent ("可迁移元素 铅(Pb)") count once with their parent. */
function parentCount(items: ReportItem[]): number {
  return new Set(items.map((it) => it.name.split(' ')[0] ?? it.name)).size;
}

function statedCount(doc: DocumentText, patterns: readonly RegExp[]): number | null {
  for (const p of doc.pages) {
    for (const l of p.lines) {
      const text = l.text.replace(/\s+/g, '');
      for (const re of patterns) {
        const m = re.exec(text);
        if (m?.[1]) return Number(m[1]);
      }
    }
  }
  return null;
}

/** An item count (and failed-item count) stated on the page against the items read. */
export function checkStatedCounts(doc: DocumentText, items: ReportItem[]): ReviewFlag[] {
  const out: ReviewFlag[] = [];
  const total = statedCount(doc, ITEM_COUNT_PATTERNS);
  if (total !== null && total !== items.length && total !== parentCount(items)) {
    out.push({
      path: 'items',
      reason: 'item_count_mismatch',
      message: `报告注明检验 ${total} 项，实际识别 ${items.length} 项，可能有检验项目漏读或多读，请核对`,
    });
  }
  const failedItems = items.filter((it) => it.verdict === 'fail');
  const failed = statedCount(doc, FAILED_COUNT_PATTERNS);
  if (failed !== null && failed !== failedItems.length && failed !== parentCount(failedItems)) {
    out.push({
      path: 'items',
      reason: 'failed_count_mismatch',
      message: `报告注明 ${failed} 项不合格，实际识别到 ${failedItems.length} 项不合格，请核对单项判定`,
    });
  }
  return out;
}

/** A name that names nothing ("4", "n", "I"): a row read from the wrong cells or OCR debris. */
const unreadableName = (name: string) =>
  !/[\u3400-\u9fff]/.test(name) && !/[A-Za-z]{2,}/.test(name.replace(/\s+/g, ''));

/**
 * Rows whose item name is unreadable are kept (never dropped) and flagged, with the table: a row of
 * the table may have been read into the wrong cells.
 */
export function checkRowNames(items: ReportItem[]): ReviewFlag[] {
  const bad = items.map((it, i) => ({ it, i })).filter(({ it }) => unreadableName(it.name));
  if (bad.length === 0) return [];
  return [
    ...bad.map(({ it, i }) => ({
      path: `items.${i}.name`,
      reason: 'unreadable_row',
      message: `检验结果表第 ${i + 1} 行的项目名称“${it.name}”无法识别，请按原件核对该行`,
    })),
    {
      path: 'items',
      reason: 'unreadable_row',
      message: `检验结果表有 ${bad.length} 行未能完整识别，可能有检验项目漏读，请核对`,
    },
  ];
}

/** A sentence that states a verdict rather than a table row holding one (检验结论 …, Conclusion: … PASS). */
const VERDICT_SENTENCE = /结论|Conclusion|经检验|经检测|所检项目|判定为|requirements? of/i;

/**
 * Verdicts printed in table rows, per page, counted low: a row line (three or more cells or words)
 * counts one verdict, however many verdict words it holds (a result printed 符合 beside the verdict
 * 合格); a line of verdicts only (a matrix's verdict row: 判定 合格 合格 不合格) counts each. A
 * conclusion sentence counts none.
 */
function printedVerdicts(doc: DocumentText): { page: number; pass: number; fail: number }[] {
  return doc.pages.map((p) => {
    let pass = 0;
    let fail = 0;
    for (const l of p.lines) {
      if (VERDICT_SENTENCE.test(l.text)) continue;
      const runs = l.words?.length ? l.words.map((w) => w.text) : (l.cells ?? [l.text]);
      const tokens = runs.flatMap((t) => t.split(/\s+/)).filter(Boolean);
      // a title spaced out letter by letter (T E S T R E P O R T, 检 验 报 告) holds no verdict
      const spaced = tokens.filter((t) => [...t].length === 1).length >= tokens.length * 0.8;
      if (tokens.length < 3 || spaced) continue;
      const verdicts = tokens.map((t) => verdictOf(t)).filter((v) => v === 'pass' || v === 'fail');
      if (verdicts.length === 0) continue;
      const row = verdicts.length >= 3 && verdicts.length >= tokens.length - verdicts.length;
      // one verdict for a row: a failed one if any (不合格 beside a result 符合)
      const counted = row ? verdicts : [verdicts.includes('fail') ? 'fail' : 'pass'];
      for (const v of counted) {
        if (v === 'fail') fail++;
        else pass++;
      }
    }
    return { page: p.page, pass, fail };
  });
}

/**
 * More verdicts printed on one page than items read with a verdict: rows of the item table were not
 * read (a matrix the reader did not follow, rows OCR ran together). Flagged with the table; a failed
 * item printed but not read is said so, since it changes the report's meaning.
 */
export function checkUnreadVerdicts(doc: DocumentText, items: ReportItem[]): ReviewFlag[] {
  const pages = printedVerdicts(doc);
  const readFail = items.filter((it) => it.verdict === 'fail').length;
  const readDecided = items.filter((it) => it.verdict === 'pass' || it.verdict === 'fail').length;
  const mostFail = Math.max(0, ...pages.map((p) => p.fail));
  const mostDecided = Math.max(0, ...pages.map((p) => p.pass + p.fail));
  if (mostFail > readFail) {
    return [
      {
        path: 'items',
        reason: 'failed_items_unread',
        message: `检验结果表中印有 ${mostFail} 个不合格判定，只识别到 ${readFail} 个不合格项目，可能有不合格项目漏读，请核对`,
      },
    ];
  }
  if (mostDecided > readDecided) {
    return [
      {
        path: 'items',
        reason: 'items_unread',
        message: `检验结果表中印有 ${mostDecided} 个单项判定，只识别到 ${readDecided} 个有判定的检验项目，可能有检验项目漏读，请核对`,
      },
    ];
  }
  return [];
}

/** A row number printed as a table row's first cell ("19", "19."). */
const ROW_NUMBER = /^(\d{1,3})\.?$/;

/** Characters of an item's name that must stand in a row's text: most of a long name, all but one of a short one. */
const enoughOf = (head: string) => (head.length <= 3 ? head.length - 1 : Math.ceil(head.length * 0.7));

/** A cell that can hold an item's name: two Chinese characters, or a word that is not a standard's prefix. */
function looksLikeName(cell: string): boolean {
  if (/[\u3400-\u9fff]{2}/.test(cell)) return true;
  const upper = cell.toUpperCase();
  return (
    /^[A-Za-z]{2,}/.test(cell) && !STANDARD_PREFIXES.some((p) => upper === p || upper.startsWith(`${p} `))
  );
}

/**
 * A line holding a verdict: a verdict word, or on an OCR'd page a segment that is all a check mark OCR
 * misread ("<" for √, a segment of its own as a verdict cell is: a limit's "<" stands with its number).
 */
function hasVerdict(line: TextLine, tokens: string[], ocr: boolean): boolean {
  if (tokens.some((t) => verdictOf(t) !== null)) return true;
  return ocr && (line.words ?? []).some((w) => ocrVerdictCellOf(w.text.trim()) !== null);
}

/**
 * The numbered rows printed with a verdict (序号 … 合格) whose item name matches no item read: a row the
 * table readers lost (a second matrix, a row cut off by the page's edge). Each is named in one flag on
 * the table, so that an item missing from the list is never silent. An item matches a row when most of
 * its name's characters stand in the row's text in order (OCR reads both from the same print).
 */
export function checkNumberedRows(doc: DocumentText, items: ReportItem[]): ReviewFlag[] {
  const heads = [
    ...new Set(
      items
        .map((it) => itemNameKey(it.name.split(' ')[0] ?? it.name).toLowerCase())
        .filter((h) => h.length >= 2),
    ),
  ];
  const lost = new Map<number, string>();
  for (const p of doc.pages) {
    for (const l of p.lines) {
      if (VERDICT_SENTENCE.test(l.text)) continue;
      const tokens = (l.words?.length ? l.words.map((w) => w.text) : (l.cells ?? [l.text]))
        .flatMap((t) => t.split(/\s+/))
        .filter(Boolean);
      const n = ROW_NUMBER.exec(tokens[0] ?? '')?.[1];
      if (!n || tokens.length < 3 || !hasVerdict(l, tokens, p.source === 'ocr')) continue;
      // a row whose name cell holds no name (a standard number, a value: the name wrapped onto
      // another line) cannot be told apart from the items read
      if (!looksLikeName(tokens[1] ?? '')) continue;
      const row = itemNameKey(tokens.slice(1).join('')).toLowerCase();
      const named = heads.some((h) => commonSubsequence(h, row) >= enoughOf(h));
      if (!named && !lost.has(Number(n))) lost.set(Number(n), tokens.slice(1, 3).join(' '));
    }
  }
  if (lost.size === 0) return [];
  const rows = [...lost].sort(([a], [b]) => a - b);
  return [
    {
      path: 'items',
      reason: 'items_unread',
      message: `检验结果表中序号 ${rows.map(([k, t]) => `${k}（${t}）`).join('、')} 的行未能识别为检验项目，可能有检验项目漏读，请核对`,
    },
  ];
}

/**
 * A result holding two values or more ("5 4-5", "-0.9 -1.4"): the cells of sub-items (变色 | 沾色,
 * 直向 | 横向) read as one row, so the sub-items themselves were not read. Flagged on the item and
 * with the table (the sub-items are missing from it).
 */
export function checkMergedResults(items: ReportItem[]): ReviewFlag[] {
  const merged = items
    .map((it, i) => ({ it, i }))
    .filter(({ it }) => {
      const tokens = (it.result ?? '').split(/\s+/).filter(Boolean);
      return tokens.length >= 2 && tokens.every((t) => ONE_VALUE.test(t));
    });
  if (merged.length === 0) return [];
  return [
    ...merged.map(({ it, i }) => ({
      path: `items.${i}.result`,
      reason: 'results_merged',
      message: `检验项目“${it.name}”的结果“${it.result ?? ''}”含多个数值，可能是多个子项目（如变色/沾色）被读成一行，请核对`,
    })),
    {
      path: 'items',
      reason: 'results_merged',
      message: `检验结果表有 ${merged.length} 行含多个结果数值，可能有子项目漏读，请核对`,
    },
  ];
}

/** The vocabulary's item names, longest first (a longer name holding a shorter one is one name). */
const ITEM_NAMES_LONGEST_FIRST = [...KNOWN_ITEMS].sort((a, b) => b.length - a.length);

/** How many item names of the vocabulary a name's text holds, each character counted once. */
function itemNamesIn(text: string): number {
  let n = 0;
  for (let at = 0; at < text.length;) {
    const name = ITEM_NAMES_LONGEST_FIRST.find((w) => text.startsWith(w, at));
    if (name) {
      n++;
      at += name.length;
    } else {
      at++;
    }
  }
  return n;
}

/**
 * An item name holding two item names or more of the vocabulary in one part ("微生物真菌菌落总数使用说明",
 * "断裂强力经向断裂强力纬向"): the names of two rows OCR read as one, so one of those rows is missing
 * from the items. A parent and its sub-item ("微生物 真菌菌落总数") are two parts. Flagged on the item and
 * with the table.
 */
export function checkMergedNames(items: ReportItem[]): ReviewFlag[] {
  const merged = items
    .map((it, i) => ({ it, i }))
    .filter(({ it }) => it.name.split(' ').some((part) => itemNamesIn(part) >= 2));
  if (merged.length === 0) return [];
  return [
    ...merged.map(({ it, i }) => ({
      path: `items.${i}.name`,
      reason: 'rows_merged',
      message: `检验项目名称“${it.name}”含多个检验项目，可能是相邻的几行被读成一行，请按原件核对`,
    })),
    {
      path: 'items',
      reason: 'rows_merged',
      message: `检验结果表有 ${merged.length} 行的项目名称含多个检验项目，可能有检验项目漏读，请核对`,
    },
  ];
}

/**
 * An item whose sub-items are of two kinds ("耐皂洗色牢度" with 变色, 沾色 and 直向: SUB_ITEM_KINDS): a
 * sub-row was given the wrong item, the item printed beside it in a merged cell OCR read onto another
 * row, so that item may be missing. The table is flagged, and each sub-item of a kind its item has once.
 */
export function checkSubItemKinds(items: ReportItem[]): ReviewFlag[] {
  const kindOf = (sub: string) => SUB_ITEM_KINDS.findIndex((k) => k.includes(sub));
  const byParent = new Map<string, Array<{ i: number; kind: number }>>();
  items.forEach((it, i) => {
    const parts = it.name.split(' ');
    const kind = kindOf(parts[parts.length - 1] ?? '');
    if (parts.length < 2 || kind < 0) return;
    const parent = parts.slice(0, -1).join(' ');
    byParent.set(parent, [...(byParent.get(parent) ?? []), { i, kind }]);
  });
  const odd: number[] = [];
  for (const subs of byParent.values()) {
    const kinds = new Set(subs.map((s) => s.kind));
    if (kinds.size < 2) continue;
    // the sub-items of a kind the item holds once stand out from those it holds in pairs
    for (const s of subs) if (subs.filter((o) => o.kind === s.kind).length === 1) odd.push(s.i);
  }
  if (odd.length === 0) return [];
  return [
    ...odd.map((i) => ({
      path: `items.${i}.name`,
      reason: 'sub_item_misplaced',
      message: `分项“${items[i]?.name ?? ''}”与同一检验项目的其他分项不是一类，可能归到了错误的检验项目下，请按原件核对`,
    })),
    {
      path: 'items',
      reason: 'sub_item_misplaced',
      message: `检验结果表有 ${odd.length} 个分项与所属检验项目的其他分项不是一类，可能有检验项目漏读，请核对`,
    },
  ];
}

/**
 * Rows read with a name but neither a result nor a verdict: their values fell where no column was
 * read (a sub-item header OCR lost: "水洗尺寸变化率" with its two results under 直向 | 横向 not seen),
 * so the row may stand for items that are missing. Each row's verdict is flagged already (missing);
 * this flags the table, as the items it lost are in no row to flag.
 */
export function checkHollowRows(items: ReportItem[]): ReviewFlag[] {
  const hollow = items.filter((it) => it.result === null && it.verdict === null).length;
  if (hollow === 0) return [];
  return [
    {
      path: 'items',
      reason: 'unreadable_row',
      message: `检验结果表有 ${hollow} 行未读到检验结果和单项判定，可能有检验项目漏读，请核对`,
    },
  ];
}

/**
 * The report's dates in their necessary order: a sample is received before it is tested, and tested
 * before the report is issued. A date out of order was misread (a digit of it) — which one, only the
 * original shows, so both stay as read and the later field is flagged.
 */
export function checkDateOrder(out: TestReportExtraction): ReviewFlag[] {
  const { received, tested, issued } = out.dates;
  const order: Array<[string, string, string | null, string, string | null]> = [
    ['dates.tested', '检验日期', tested, '收样日期', received],
    ['dates.issued', '签发日期', issued, '检验日期', tested ?? received],
  ];
  return order
    .filter(([, , later, , earlier]) => later && earlier && later < earlier)
    .map(([path, label, later, earlierLabel, earlier]) => ({
      path,
      reason: 'date_out_of_order',
      message: `${label} ${later} 早于${earlierLabel} ${earlier}，其中一个日期可能识别有误，请核对原件`,
    }));
}

/** Every cross-check of a parsed report; flags only, the extraction's values are not changed. */
export function crossCheckReport(doc: DocumentText, out: TestReportExtraction): ReviewFlag[] {
  return [
    ...checkDateOrder(out),
    ...checkItemVerdicts(out.items),
    ...checkSummaryVerdicts(out.items),
    ...checkConclusion(out),
    ...checkPages(doc),
    ...checkAfterEnd(doc, out.items),
    ...checkStatedCounts(doc, out.items),
    ...checkRowNames(out.items),
    ...checkUnreadVerdicts(doc, out.items),
    ...checkNumberedRows(doc, out.items),
    ...checkMergedResults(out.items),
    ...checkMergedNames(out.items),
    ...checkHollowRows(out.items),
    ...checkSubItemKinds(out.items),
  ];
}
