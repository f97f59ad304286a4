/**
 * Who is who: matching a 委托单位 or 生产单位 against the contract's supplier, the purchasing school
 * and the district's education bureau. Every match carries a reason so a clerk can see why.
 */
import { editDistance, nameCore, normaliseName } from './normalise';
import type { EngineDistrict, ReportSide, SchoolKind } from './types';

export interface NameMatch {
  matched: boolean;
  /** exact | alias | fuzzy | none — and a Chinese explanation */
  how: 'exact' | 'alias' | 'fuzzy' | 'none';
  reason: string;
}

const NO_MATCH: NameMatch = { matched: false, how: 'none', reason: '名称不一致' };

/**
 * Matches an organisation name against a known one and its aliases. Fuzzy: the distinctive cores
 * (legal form removed) are equal, or one full name ends with the other (≥ 6 characters, a name
 * printed without its city prefix).
 */
export function matchName(
  candidate: string | null | undefined,
  known: string,
  aliases: string[] = [],
): NameMatch {
  const c = normaliseName(candidate);
  if (!c) return NO_MATCH;
  const k = normaliseName(known);
  if (c === k) return { matched: true, how: 'exact', reason: '名称完全一致' };
  for (const alias of aliases) {
    if (normaliseName(alias) === c) {
      return { matched: true, how: 'alias', reason: `与登记的别名“${alias}”一致` };
    }
  }
  const cc = nameCore(c);
  const kc = nameCore(k);
  if (cc.length >= 4 && cc === kc) {
    return { matched: true, how: 'fuzzy', reason: '去除企业组织形式后名称一致' };
  }
  const [shorter, longer] = c.length <= k.length ? [c, k] : [k, c];
  if (shorter.length >= 6 && longer.endsWith(shorter)) {
    return { matched: true, how: 'fuzzy', reason: '名称省略了地区前缀' };
  }
  const near = nearMiss(c, k);
  if (near > 0) {
    return { matched: true, how: 'fuzzy', reason: `名称相近（相差${near}个字，可能为识别误差），请核对` };
  }
  return NO_MATCH;
}

/** What kind of organisation a name ends with (a school level, an authority); '' for companies. */
const KIND_TAIL =
  /(幼儿园|小学|初级中学|高级中学|完全中学|中学校|中学|学校|教育局|教育委员会|教育和体育局|教育体育局|教体局)$/;
const NUMERALS = /[0-9一二三四五六七八九十百零〇两]/;

/** How far apart two names may be to count as one name misread: matching is stricter than a review prompt. */
export interface NearMissLimits {
  /** shortest name considered */
  minLength: number;
  /** most differing characters, given the shorter name's length */
  maxEdits(shorter: number): number;
}

/** Matching a report's party to a known one: long names, ≤ 1 differing character per 5. */
const MATCH_LIMITS: NearMissLimits = { minLength: 8, maxEdits: (n) => Math.floor(n / 5) };

/**
 * The number of differing characters when two normalised names differ only by a few OCR-style
 * substitutions or drops (within `limits`), 0 otherwise. Never across a different school level or
 * authority, and never when the difference is a numeral (第一小学 ≠ 第二小学).
 */
export function nearMiss(a: string, b: string, limits: NearMissLimits = MATCH_LIMITS): number {
  if (Math.min(a.length, b.length) < limits.minLength) return 0;
  if ((KIND_TAIL.exec(a)?.[0] ?? '') !== (KIND_TAIL.exec(b)?.[0] ?? '')) return 0;
  const d = editDistance(a, b);
  if (d === 0 || d > limits.maxEdits(Math.min(a.length, b.length))) return 0;
  if (a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i] && (NUMERALS.test(a[i] ?? '') || NUMERALS.test(b[i] ?? ''))) return 0;
    }
  } else if (
    [...a].filter((ch) => NUMERALS.test(ch)).join('') !== [...b].filter((ch) => NUMERALS.test(ch)).join('')
  ) {
    return 0;
  }
  return d;
}

/** True when a name looks like an education authority (ends with one of the registry's suffixes). */
export function isBureauName(name: string | null | undefined, suffixes: string[]): boolean {
  const n = normaliseName(name);
  return n.length > 0 && suffixes.some((s) => n.endsWith(s));
}

export interface SideDecision {
  side: ReportSide;
  reason: string;
}

/**
 * The side a report counts for, decided by its 委托单位 (MANIFEST "Rules applied"): the contract
 * supplier → supplier side; the purchasing school or the district bureau → purchaser side; anyone
 * else → 'other' (CLIENT_MISMATCH, counts for neither side).
 */
export function decideSide(
  client: string | null,
  parties: { supplier: string; supplierAliases?: string[]; purchaser: string; purchaserAliases?: string[] },
  district: EngineDistrict,
): SideDecision {
  const s = matchName(client, parties.supplier, parties.supplierAliases);
  if (s.matched) return { side: 'supplier', reason: `委托单位为供应商（${s.reason}）` };
  const p = matchName(client, parties.purchaser, parties.purchaserAliases);
  if (p.matched) return { side: 'purchaser', reason: `委托单位为采购学校（${p.reason}）` };
  const b = matchName(client, district.bureauName, district.bureauAliases);
  if (b.matched) return { side: 'purchaser', reason: `委托单位为区教育主管部门（${b.reason}）` };
  return {
    side: 'other',
    reason: client ? `委托单位“${client}”与供应商、学校、教育主管部门均不一致` : '报告未显示委托单位',
  };
}

/** The school kind implied by a school's name (幼儿园, 小学, 初级中学, 九年一贯制, 完全中学, 高级中学…). */
export function schoolKindFromName(name: string): SchoolKind {
  const n = normaliseName(name);
  if (/幼儿园|托儿所|幼稚园/.test(n)) return 'kindergarten';
  if (/九年一贯|九年制|一贯制/.test(n)) return 'nine_year';
  if (/完全中学|完中/.test(n)) return 'complete_secondary';
  if (/初级中学|初中|初级学校/.test(n)) return 'junior';
  if (/小学/.test(n)) return 'primary';
  if (/高级中学|高中|中学|职业|中专/.test(n)) return 'senior';
  return 'primary';
}
