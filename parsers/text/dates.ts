/**
 * Dates in every printed Chinese form → `YYYY-MM-DD`:
 * 2024年7月16日, 2024-07-16, 2024.07.16, 2024/7/16, 二〇二四年八月十五日; ranges give their last day.
 */
import { chineseDigitsToNumber } from './numerals';

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): boolean {
  if (y < 1980 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const CN_NUM = '〇零一二三四五六七八九十两○Ｏ';
const ARABIC_DATE = /(\d{4})\s*(?:年|[-./／—–])\s*(\d{1,2})\s*(?:月|[-./／—–])\s*(\d{1,2})\s*日?/g;
// OCR reads the 〇 of a Chinese year as a zero or the letter O ("二0二四年")
const CHINESE_DATE = new RegExp(
  `([${CN_NUM}0Oo]{3,4})\\s*年\\s*([${CN_NUM}]{1,3})\\s*月\\s*([${CN_NUM}]{1,3})\\s*日`,
  'g',
);
/** A short range end after a full date: "至18日", "～7月2日". */
const SHORT_END = /^\s*(?:[~～至到—–-]|－)\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日/;

export interface FoundDate {
  iso: string;
  index: number;
  end: number;
}

/** Every date in the text, in order of appearance (a short range end like 至18日 counts as a date). */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of text.matchAll(ARABIC_DATE)) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (!valid(y, mo, d)) continue;
    const end = (m.index ?? 0) + m[0].length;
    out.push({ iso: `${y}-${pad(mo)}-${pad(d)}`, index: m.index ?? 0, end });
    const short = SHORT_END.exec(text.slice(end));
    if (short && !/^\s*[~～至到—–\-－]\s*\d{4}/.test(text.slice(end))) {
      const mo2 = short[1] ? Number(short[1]) : mo;
      const d2 = Number(short[2]);
      if (valid(y, mo2, d2)) {
        out.push({ iso: `${y}-${pad(mo2)}-${pad(d2)}`, index: end, end: end + short[0].length });
      }
    }
  }
  for (const m of text.matchAll(CHINESE_DATE)) {
    let yearText = (m[1] ?? '').replace(/[0Oo]/g, '〇');
    if ((m[1] ?? '').replace(/[0Oo]/g, '').length < 2) continue;
    // OCR drops the thin 〇 of 二〇二四 now and then: "二二四年" can only be 2024
    if (yearText.length === 3) {
      if (!/^二[〇一二三四五六七八九]{2}$/.test(yearText) || yearText.includes('〇')) continue;
      yearText = `二〇${yearText.slice(1)}`;
    }
    const y = chineseDigitsToNumber(yearText);
    const mo = chineseDigitsToNumber(m[2] ?? '');
    const d = chineseDigitsToNumber(m[3] ?? '');
    if (y === null || mo === null || d === null || !valid(y, mo, d)) continue;
    out.push({ iso: `${y}-${pad(mo)}-${pad(d)}`, index: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The first date in the text, or null. */
export function parseDate(text: string | null | undefined): string | null {
  if (!text) return null;
  return findDates(text)[0]?.iso ?? null;
}

/** The last date of a printed date or range ("2024-04-30 ~ 2024-05-07" → 2024-05-07), or null. */
export function parseDateRangeEnd(text: string | null | undefined): string | null {
  if (!text) return null;
  const all = findDates(text);
  return all.length ? (all[all.length - 1]?.iso ?? null) : null;
}
