/** Step 5 of the item-table line reader: a grouped row read into a report item. */
import { canonicalItemName, restoreOcrValues, snapItemName } from '../item-vocab';
import { notApplicable } from '../table/items';
import type { ReportItem } from '../types';
import { parseRowByPosition } from './by-position';
import { joinRow } from './row-shape';
import { parseRowText } from './split-cells';
import type { Header, Row, RowCells } from './types';

/** The row as an item: its cells, named under its parent, OCR misreadings restored; null without a name. */
export function rowItem(row: Row, header: Header): ReportItem | null {
  const p = rowCells(row, header);
  if (!p.name) return null;
  const ocr = row.lines.some((l) => l.source === 'ocr');
  const name = itemName(p.name, row.parent, ocr);
  const first = row.lines[0];
  const values = ocr ? restoreOcrValues(name, p) : p;
  return {
    name,
    unit: values.unit,
    requirement: values.requirement,
    result: values.result,
    verdict: p.verdict ?? notApplicable(p.result),
    page: first?.page,
    box: first?.box ?? null,
    confidence: Math.min(...row.lines.map((l) => l.confidence)) * (p.verdict ? 1 : 0.5),
  };
}

/**
 * The row's cells: by position when the words' boxes are known (they separate cells that wrapped into
 * each other) and the verdict agrees with the text reading, the name always from the text.
 */
function rowCells(row: Row, header: Header): RowCells {
  const byText = parseRowText(joinRow(row.lines), header.columns);
  const byPos = parseRowByPosition(row.lines, header.positions);
  return byPos && byPos.verdict === byText.verdict && byPos.name ? { ...byPos, name: byText.name } : byText;
}

/** The printed name in canonical form, after its merged parent's, snapped to a known item when OCR read it. */
function itemName(printed: string, parent: string | null, ocr: boolean): string {
  const name = parent ? `${parent} ${canonicalItemName(printed)}` : canonicalItemName(printed);
  return ocr ? snapItemName(name) : name;
}
