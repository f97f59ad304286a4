/**
 * The campaign period (统计起止日期) of a 成果统计表: dates are calendar days in China (UTC+8), the
 * period includes both ends, and a result counts on its 抽样日期 — or, when none was recorded, on
 * the day it was recorded.
 */

export interface CampaignPeriod {
  /** YYYY-MM-DD, inclusive */
  start: string;
  /** YYYY-MM-DD, inclusive */
  end: string;
}

/** The calendar day (YYYY-MM-DD) of an instant in China (UTC+8, no daylight saving). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The default period: the calendar year (in China) of `now`. */
export function defaultPeriod(now: Date): CampaignPeriod {
  const year = chinaDate(now).slice(0, 4);
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

/** Whether a result sampled on `sampledOn` (or recorded at `recordedAt` when not known) falls in `p`. */
export function countsIn(p: CampaignPeriod, sampledOn: string | null, recordedAt: Date): boolean {
  const day = sampledOn ?? chinaDate(recordedAt);
  return day >= p.start && day <= p.end;
}

/** 2024年1月1日至2024年12月31日 */
export function periodText(p: CampaignPeriod): string {
  const zh = (iso: string) =>
    `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
  return `${zh(p.start)}至${zh(p.end)}`;
}
