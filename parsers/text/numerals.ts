/**
 * Chinese numerals: 大写金额 (贰拾陆万零伍佰壹拾肆元整), plain numerals in dates (二〇二四, 十五),
 * and printed amounts (¥154,387.00, 人民币476,135.50元).
 */
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  '○': 0,
  Ｏ: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  貳: 2,
  两: 2,
  三: 3,
  叁: 3,
  參: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Integer from Chinese numerals: "十五" → 15, "二〇二四" → 2024 (digit-by-digit), "贰拾陆万零伍佰壹拾肆" → 260514. */
export function chineseDigitsToNumber(s: string): number | null {
  const t = s.replace(/\s+/g, '');
  if (!t) return null;
  if (/^\d+$/.test(t)) return Number(t);
  const hasUnit = [...t].some((c) => c in SMALL_UNITS || c in BIG_UNITS);
  if (!hasUnit) {
    let n = 0;
    for (const c of t) {
      const d = DIGITS[c];
      if (d === undefined) return null;
      n = n * 10 + d;
    }
    return n;
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  let sawDigit = false;
  for (const c of t) {
    if (c in DIGITS) {
      digit = DIGITS[c] ?? 0;
      sawDigit = true;
    } else if (c in SMALL_UNITS) {
      section += (sawDigit ? digit : 1) * (SMALL_UNITS[c] ?? 1);
      digit = 0;
      sawDigit = false;
    } else if (c in BIG_UNITS) {
      section += digit;
      total += section * (BIG_UNITS[c] ?? 1);
      section = 0;
      digit = 0;
      sawDigit = false;
    } else {
      return null;
    }
  }
  return total + section + digit;
}

/** 大写金额 → number: "肆拾柒万陆仟壹佰叁拾伍元伍角整" → 476135.5. Returns null when unreadable. */
export function parseChineseAmount(s: string): number | null {
  const t = s.replace(/[\s人民币（）()大写:：]/g, '').replace(/[整正]$/, '');
  const m = /^([^元圆]*)[元圆]?(?:([^角]*)角)?(?:([^分]*)分)?$/.exec(t);
  if (!m) return null;
  const yuanPart = m[1] ?? '';
  const yuan = yuanPart ? chineseDigitsToNumber(yuanPart.replace(/^零+/, '')) : 0;
  const jiaoS = (m[2] ?? '').replace(/^零/, '');
  const fenS = (m[3] ?? '').replace(/^零/, '');
  const jiao = jiaoS ? chineseDigitsToNumber(jiaoS) : 0;
  const fen = fenS ? chineseDigitsToNumber(fenS) : 0;
  if (yuan === null || jiao === null || fen === null) return null;
  if (!yuanPart && !jiaoS && !fenS) return null;
  return Math.round((yuan + jiao / 10 + fen / 100) * 100) / 100;
}

/** A printed number: "93,702.00" → 93702, "¥1 234.5" → 1234.5; null when not a number. */
export function parseNumber(s: string | null | undefined): number | null {
  if (!s) return null;
  let t = s.replace(/[¥￥,，\s元]/g, '').replace(/^RMB/i, '');
  // "217.230.00": OCR read the thousands commas as points; the last point is the decimal one
  if (/^\d{1,3}(?:\.\d{3})+\.\d{2}$/.test(t)) t = t.replace(/\.(?=\d{3}\.)/g, '');
  if (!/^-?\d+(?:\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Finds 大写 amounts (sequences of capital numerals ending in 元/圆 …整) in text. */
export function findChineseAmounts(text: string): number[] {
  const re =
    /[零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億]+[元圆](?:零?[壹贰叁肆伍陆柒捌玖]角)?(?:零?[壹贰叁肆伍陆柒捌玖]分)?[整正]?/g;
  const out: number[] = [];
  for (const m of text.matchAll(re)) {
    const v = parseChineseAmount(m[0]);
    if (v !== null && v > 0) out.push(v);
  }
  return out;
}
