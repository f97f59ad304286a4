/**
 * A date as people type it — 2024-09-06, 2024/9/6, 2024.9.6, 2024年9月6日, 二〇二四年九月六日 — as a zod
 * schema that gives `YYYY-MM-DD` (the parsers' date reader, applied to the whole input: a date inside
 * other text is refused).
 */
import { z } from 'zod';
import { findDates } from '../../parsers/text/dates';

/** The whole of `text` as one date (YYYY-MM-DD), or null. */
export function wholeDate(text: string): string | null {
  const s = text.trim();
  const found = findDates(s);
  if (found.length !== 1) return null;
  const d = found[0]!;
  return d.index === 0 && s.slice(d.end).trim() === '' ? d.iso : null;
}

/** A date field named `label` in messages (e.g. 抽样日期). */
export function chineseDate(label = '日期') {
  return z.string({ error: `${label}须为文本` }).transform((s, ctx) => {
    const iso = wholeDate(s);
    if (!iso) {
      ctx.addIssue({
        code: 'custom',
        message: `${label}不是有效的日期（可写作 2024-09-06、2024/9/6、2024.9.6 或 2024年9月6日）`,
      });
      return z.NEVER;
    }
    return iso;
  });
}
