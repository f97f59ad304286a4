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
/**
 * What OCR reads for the thin 〇 of 二〇xx: a zero or the letter O anywhere in the year ("二0二四年"), and
 * in the second place — where a year of this century can only hold 〇 — also 9, 日 or 口 ("二日二四年").
 */
const ZERO_LOOK_ALIKES = '0Oo';
const SECOND_PLACE_ZERO = `${ZERO_LOOK_ALIKES}9日口〇○Ｏ`;
const CHINESE_DATE = new RegExp(
  `(二[${SECOND_PLACE_ZERO}][${CN_NUM}${ZERO_LOOK_ALIKES}]{2}|[${CN_NUM}${ZERO_LOOK_ALIKES}]{3,4})\\s*年\\s*([${CN_NUM}]{1,3})\\s*月\\s*([${CN_NUM}]{1,3})\\s*日`,
  'g',
);
/** A short range end after a full date: "至18日", "～7月2日". */
const SHORT_END = /^\s*(?:[~～至到—–-]|－)\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日/;

export interface FoundDate {
  iso: string;
  index: number;
  end: number;
  /** false for a 年-月 date whose 日 is not printed after the day ("2024年07月9内…": a stamp cut it) */
  complete: boolean;
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
    const complete = !m[0].includes('年') || m[0].endsWith('日');
    out.push({ iso: `${y}-${pad(mo)}-${pad(d)}`, index: m.index ?? 0, end, complete });
    const short = SHORT_END.exec(text.slice(end));
    if (short && !/^\s*[~～至到—–\-－]\s*\d{4}/.test(text.slice(end))) {
      const mo2 = short[1] ? Number(short[1]) : mo;
      const d2 = Number(short[2]);
      if (valid(y, mo2, d2)) {
        out.push({
          iso: `${y}-${pad(mo2)}-${pad(d2)}`,
          index: end,
          end: end + short[0].length,
          complete: true,
        });
      }
    }
  }
  for (const m of text.matchAll(CHINESE_DATE)) {
    const raw = m[1] ?? '';
    const secondPlace = raw.length === 4 && raw[0] === '二' && SECOND_PLACE_ZERO.includes(raw[1] ?? '');
    let yearText = (secondPlace ? `二〇${raw.slice(2)}` : raw).replace(/[0Oo]/g, '〇');
    if (yearText.replace(/〇/g, '').length < 2) continue;
    // OCR drops the thin 〇 of 二〇二四 now and then: "二二四年" can only be 2024
    if (yearText.length === 3) {
      if (!/^二[〇一二三四五六七八九]{2}$/.test(yearText) || yearText.includes('〇')) continue;
      yearText = `二〇${yearText.slice(1)}`;
    }
    const y = chineseDigitsToNumber(yearText);
    const mo = chineseDigitsToNumber(m[2] ?? '');
    const d = chineseDigitsToNumber(m[3] ?? '');
    if (y === null || mo === null || d === null || !valid(y, mo, d)) continue;
    out.push({
      iso: `${y}-${pad(mo)}-${pad(d)}`,
      index: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      complete: true,
    });
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

/**
 * The date several readings of one field agree on (a contract prints its signing date in the text and
 * again by each party's signature). A reading whose date is cut short (no 日 after the day) yields to
 * complete ones; complete readings that disagree give no date but the list of what was read, for review.
 */
export function agreedDate<T extends { value: string }>(
  readings: readonly T[],
): { date: string; reading: T } | { conflict: string[] } | null {
  const read = readings.flatMap((reading) => {
    const found = findDates(reading.value)[0];
    return found ? [{ reading, found }] : [];
  });
  const complete = read.filter((r) => r.found.complete);
  const trusted = complete.length ? complete : read;
  const dates = [...new Set(trusted.map((r) => r.found.iso))];
  const first = trusted[0];
  if (!first) return null;
  return dates.length === 1 ? { date: first.found.iso, reading: first.reading } : { conflict: dates };
}
