/**
 * Vocabularies of the cross-checks (checks/): how labs print limits, results below detection, page
 * numbers and item counts. Data, so that a new lab's wording is a data change.
 */

export type Comparator = 'le' | 'lt' | 'ge' | 'gt';

/** Comparison words and signs before a limit ("≤75", "不大于 75", "<= 0.1"), longest first. */
export const COMPARATORS: readonly { text: string; op: Comparator }[] = [
  { text: '不大于', op: 'le' },
  { text: '不高于', op: 'le' },
  { text: '不超过', op: 'le' },
  { text: '不多于', op: 'le' },
  { text: '不小于', op: 'ge' },
  { text: '不低于', op: 'ge' },
  { text: '不少于', op: 'ge' },
  { text: '小于', op: 'lt' },
  { text: '低于', op: 'lt' },
  { text: '大于', op: 'gt' },
  { text: '高于', op: 'gt' },
  { text: '<=', op: 'le' },
  { text: '>=', op: 'ge' },
  { text: '≤', op: 'le' },
  { text: '≦', op: 'le' },
  { text: '⩽', op: 'le' },
  { text: '≥', op: 'ge' },
  { text: '≧', op: 'ge' },
  { text: '⩾', op: 'ge' },
  { text: '<', op: 'lt' },
  { text: '＜', op: 'lt' },
  { text: '>', op: 'gt' },
  { text: '＞', op: 'gt' },
];

/** A result saying nothing was detected ("未检出", "ND", "N.D.", "not detected"), maybe with its limit after. */
export const NOT_DETECTED_RESULT =
  /^(?:未检出|未检测出|未发现|ND|N\.D\.?|n\.d\.?|not\s*detected|none\s*detected|低于检出限|<\s*DL|<\s*LOD|<\s*LOQ)/i;

/** A requirement that the substance must not be found at all ("不得检出", "禁用"). */
export const NOT_DETECTED_REQUIREMENT = /^(?:不得检出|不应检出|不允许检出|不可检出|禁用|禁止使用|ND|未检出)$/i;

/** Units after a number in a limit or a result that do not change the comparison. */
export const TRAILING_UNIT = /^(?:%|‰|级|mg\/kg|mg\/L|mg\/l|µg\/g|μg\/g|ug\/g|ppm|cfu\/g|CFU\/g|N|kN|mm|cm|m|g|kg|g\/m2|g\/m²|s|mm\/s|℃|°C|个|根|处|度)$/i;

/** "共 3 页 第 1 页", "第1页/共3页", "Page 1 of 3": the page number and the stated total. */
export const PAGE_NUMBER_PATTERNS: readonly { re: RegExp; page: number | null; total: number | null }[] = [
  { re: /第\s*(\d{1,3})\s*页\s*[，,/／]?\s*共\s*(\d{1,3})\s*页/, page: 1, total: 2 },
  { re: /共\s*(\d{1,3})\s*页\s*[，,/／]?\s*第\s*(\d{1,3})\s*页/, page: 2, total: 1 },
  { re: /\bPage\s*(\d{1,3})\s*(?:of|\/)\s*(\d{1,3})\b/i, page: 1, total: 2 },
  { re: /(?:^|\s)(\d{1,3})\s*\/\s*(\d{1,3})\s*页/, page: 1, total: 2 },
];

/** Sentences stating how many items were tested ("共检验 12 项", "检验项目共 12 项", "12 项均符合"). */
export const ITEM_COUNT_PATTERNS: readonly RegExp[] = [
  /共\s*(?:检验|检测|测试|检)?\s*(?:了)?\s*(\d{1,3})\s*(?:个)?\s*(?:项|个项目)/,
  /(?:检验|检测|测试)项目\s*共\s*(\d{1,3})\s*项/,
  /(?:所检|所测|所检验|所检测|本次检验|本次检测)\s*(?:的)?\s*(\d{1,3})\s*(?:个)?\s*项(?:目)?/,
  /(\d{1,3})\s*(?:个)?\s*项(?:目)?\s*(?:均|全部)\s*(?:合格|符合)/,
];

/** Sentences stating how many items failed ("其中 2 项不合格", "不合格项 1 项"). */
export const FAILED_COUNT_PATTERNS: readonly RegExp[] = [
  /(\d{1,3})\s*(?:个)?\s*项(?:目)?\s*(?:不合格|不符合)/,
  /(?:不合格|不符合)(?:项目?|项数)?\s*[:：]?\s*(?:共\s*)?(\d{1,3})\s*项/,
];
