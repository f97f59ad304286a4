/** Last step of the item table: what a reviewer must check in the items read. */
import type { ReportItem, ReviewFlag } from '../types';

/**
 * One flag per item whose verdict could not be read, or was read from a check mark or a verdict word
 * OCR misread ("<" for √, "待合" for 符合): path `items.N.verdict`.
 */
export function unreadVerdictFlags(items: readonly ReportItem[]): ReviewFlag[] {
  return items.flatMap((it, i): ReviewFlag[] => {
    if (it.verdict === null) {
      return [
        { path: `items.${i}.verdict`, reason: 'missing', message: `未能识别检验项目“${it.name}”的单项判定` },
      ];
    }
    if (it.verdictFromMisread) {
      const zh = it.verdict === 'fail' ? '不合格' : '合格';
      return [
        {
          path: `items.${i}.verdict`,
          reason: 'uncertain_mark',
          message: `检验项目“${it.name}”的单项判定识别为“${it.verdictFromMisread}”，按${zh}读取，请核对原件`,
        },
      ];
    }
    return [];
  });
}
