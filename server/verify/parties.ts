/**
 * Who is who: matching a 委托单位 or 生产单位 against the contract's supplier, the purchasing school
 * and the district's education bureau. Every match carries a reason so a clerk can see why.
 */
import { editDistance, nameCore, normaliseName } from './normalise';
import type { EngineDistrict, RegisteredParty, ReportSide, SchoolKind } from './types';

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
 * printed without its city prefix), or (unless `nearMiss: false`) a few characters apart as OCR misreads
 * them.
 */
export function matchName(
  candidate: string | null | undefined,
  known: string,
  aliases: string[] = [],
  opts: { nearMiss?: boolean } = {},
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
  const near = opts.nearMiss === false ? 0 : nearMiss(c, k);
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

export type { RegisteredParty };

export interface SideDecision {
  side: ReportSide;
  reason: string;
  /** The 委托单位 is (or is nearest to) another registered school or authority: a borrowed report. */
  otherParty?: string;
  /**
   * The 委托单位 is near (not equal) to one of the line's own parties: a likely misreading that counts
   * only once a person confirms it (`confirmed` true then).
   */
  near?: { party: string; role: string; edits: number; confirmed: boolean };
}

/** Equal after normalisation, or equal to a registered alias: the only silent matches. */
export function matchExact(
  candidate: string | null | undefined,
  known: string,
  aliases: string[] = [],
): NameMatch | null {
  const c = normaliseName(candidate);
  if (!c || !normaliseName(known)) return null;
  if (c === normaliseName(known)) return { matched: true, how: 'exact', reason: '名称完全一致' };
  for (const alias of aliases) {
    if (normaliseName(alias) === c) {
      return { matched: true, how: 'alias', reason: `与登记的别名“${alias}”一致` };
    }
  }
  return null;
}

/** How many characters a near (not exact) name is off a known one; null when not near at all. */
function nearEdits(candidate: string, known: string, aliases: string[] = []): number | null {
  let best: number | null = null;
  for (const k of [known, ...aliases]) {
    const m = matchName(candidate, k);
    if (!m.matched) continue;
    const d = Math.max(1, editDistance(normaliseName(candidate), normaliseName(k)));
    if (best === null || d < best) best = d;
  }
  return best;
}

/** A 委托单位 against every registered party: the ones it equals, and the ones it is near (edits). */
interface RegisteredMatches {
  exact: RegisteredParty[];
  near: { party: RegisteredParty; edits: number }[];
}

/**
 * A district verifies thousands of reports naming the same few hundred clients against the same
 * registered parties: the scan is done once per client name and registered list.
 */
const registeredMatchCache = new WeakMap<RegisteredParty[], Map<string, RegisteredMatches>>();

function registeredMatches(client: string, registered: RegisteredParty[]): RegisteredMatches {
  let byClient = registeredMatchCache.get(registered);
  if (!byClient) {
    byClient = new Map();
    registeredMatchCache.set(registered, byClient);
  }
  let m = byClient.get(client);
  if (!m) {
    m = { exact: [], near: [] };
    for (const r of registered) {
      if (matchExact(client, r.name, r.aliases)) m.exact.push(r);
      const d = nearEdits(client, r.name, r.aliases);
      if (d !== null) m.near.push({ party: r, edits: d });
    }
    if (byClient.size > 50_000) byClient.clear();
    byClient.set(client, m);
  }
  return m;
}

interface OwnParty {
  side: 'supplier' | 'purchaser';
  role: string;
  name: string;
  aliases: string[];
}

/**
 * The side a report counts for, decided by its 委托单位 (MANIFEST "Rules applied", issue 10 point 6):
 * - equal (normalised) or a registered alias of the contract supplier → supplier side; of the
 *   purchasing school or the district bureau → purchaser side;
 * - equal to, or nearer to, ANOTHER registered school or education authority → that party's report,
 *   'other' (CLIENT_MISMATCH: a borrowed report);
 * - near one of the line's own parties (OCR-style misreading, legal form or city prefix left out):
 *   counts only when a person confirmed this printed name for the line (`confirmedClient`), else
 *   'other' with `near` set so the finding can offer the confirmation;
 * - anyone else → 'other'.
 */
export function decideSide(
  client: string | null,
  parties: { supplier: string; supplierAliases?: string[]; purchaser: string; purchaserAliases?: string[] },
  district: EngineDistrict,
  registered: RegisteredParty[] = [],
  confirmedClient?: string | null,
): SideDecision {
  const c = normaliseName(client);
  if (!client || !c) return { side: 'other', reason: '报告未显示委托单位' };
  const own: OwnParty[] = [
    { side: 'supplier', role: '供应商', name: parties.supplier, aliases: parties.supplierAliases ?? [] },
    {
      side: 'purchaser',
      role: '采购学校',
      name: parties.purchaser,
      aliases: parties.purchaserAliases ?? [],
    },
    {
      side: 'purchaser',
      role: '区教育主管部门',
      name: district.bureauName,
      aliases: district.bureauAliases ?? [],
    },
  ];
  for (const p of own) {
    const m = matchExact(client, p.name, p.aliases);
    if (m) return { side: p.side, reason: `委托单位为${p.role}（${m.reason}）` };
  }
  const ownNames = new Set(own.flatMap((p) => [p.name, ...p.aliases].map((n) => normaliseName(n))));
  const isOther = (r: RegisteredParty) => !ownNames.has(normaliseName(r.name));
  const known = registeredMatches(client, registered);
  const roleOf = (r: RegisteredParty) => (r.role === 'school' ? '学校' : '教育主管部门');
  for (const r of known.exact) {
    if (isOther(r)) {
      return {
        side: 'other',
        otherParty: r.name,
        reason: `委托单位“${client}”是另一登记${roleOf(r)}“${r.name}”，不是本合同的供应商、采购学校或区教育主管部门`,
      };
    }
  }
  let bestOther: { party: RegisteredParty; edits: number } | null = null;
  for (const { party, edits } of known.near) {
    if (isOther(party) && (!bestOther || edits < bestOther.edits)) bestOther = { party, edits };
  }
  let bestOwn: { party: OwnParty; edits: number } | null = null;
  for (const p of own) {
    const d = nearEdits(client, p.name, p.aliases);
    if (d !== null && (!bestOwn || d < bestOwn.edits)) bestOwn = { party: p, edits: d };
  }
  if (bestOther && (!bestOwn || bestOther.edits <= bestOwn.edits)) {
    return {
      side: 'other',
      otherParty: bestOther.party.name,
      reason: `委托单位“${client}”与另一登记${roleOf(bestOther.party)}“${bestOther.party.name}”相近（相差${bestOther.edits}个字），按该单位的报告处理`,
    };
  }
  if (bestOwn) {
    const p = bestOwn.party;
    const confirmed = !!confirmedClient && normaliseName(confirmedClient) === c;
    const near = { party: p.name, role: p.role, edits: bestOwn.edits, confirmed };
    if (confirmed) {
      return {
        side: p.side,
        near,
        reason: `委托单位“${client}”与${p.role}“${p.name}”相近（相差${bestOwn.edits}个字），已人工确认为同一单位`,
      };
    }
    return {
      side: 'other',
      near,
      reason: `委托单位“${client}”与${p.role}“${p.name}”相近但不一致（相差${bestOwn.edits}个字，可能为识别误差），确认为同一单位前不计入送检`,
    };
  }
  return { side: 'other', reason: `委托单位“${client}”与供应商、学校、教育主管部门均不一致` };
}

/**
 * The school level a school's name proves (幼儿园, 小学, 初级中学, 九年一贯制, 完全中学, 高级中学…), or null
 * when it proves none. A bare 中学 / 中学校 / 第二中学 may teach junior pupils (≤14): only 高级中学, 高中
 * or a secondary vocational school (中等职业学校, 职业高中, 中专, 技工学校) proves a senior school.
 */
export function schoolKindFromName(name: string): SchoolKind | null {
  const n = normaliseName(name);
  if (/幼儿园|托儿所|幼稚园/.test(n)) return 'kindergarten';
  if (/九年一贯|九年制|一贯制/.test(n)) return 'nine_year';
  if (/完全中学|完中/.test(n)) return 'complete_secondary';
  if (/初级中学|初中|初级学校/.test(n)) return 'junior';
  if (/小学/.test(n)) return 'primary';
  if (/高级中学|高中|中等职业|职业中学|职高|中专|技工学校/.test(n)) return 'senior';
  return null;
}

/**
 * The kind to record for a school known only by its name (`dsv audit`): the level the name proves;
 * otherwise the widest the name allows that includes pupils ≤14, so the stricter rule applies
 * (GB 31701 for under-14 pupils): 完全中学 for a 中学 of unknown level, 小学 for any other name.
 */
export function schoolKindToRecord(name: string): SchoolKind {
  return schoolKindFromName(name) ?? (/中学/.test(normaliseName(name)) ? 'complete_secondary' : 'primary');
}
