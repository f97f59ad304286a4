/** Last step of the item table: what a reviewer must check in the items read. */
import type { ReportItem, ReviewFlag } from '../types';

/** One flag per item whose verdict could not be read (path `items.N.verdict`). */
export function unreadVerdictFlags(items: readonly ReportItem[]): ReviewFlag[] {
  return items.flatMap((it, i): ReviewFlag[] =>
    it.verdict === null
      ? [{ path: `items.${i}.verdict`, reason: 'missing', message: `未能识别检验项目“${it.name}”的单项判定` }]
      : [],
  );
}
