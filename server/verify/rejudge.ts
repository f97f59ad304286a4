/**
 * Re-judging an item against the registry's numeric limits, independently of the printed verdict.
 * Only results that parse cleanly are judged (a number, `未检出(<20)`, `ND`, a half grade `3-4`);
 * anything else keeps its printed verdict. The sign (≤ or <) comes from the registry, never the glyph.
 */
import type { ProductCategory, ReportItem } from '../../parsers/types';
import type { LimitRule, RuleRegistry } from './registry/registry';
import { compact, normaliseItemName, normaliseStandard } from './normalise';

/** What decides whether a dated or product-specific limit applies to a report. */
export interface LimitContext {
  /** The report's test date (issue date without one). */
  reportDate: string | null;
  /** The editions the report cites, normalised (`GB 6675.1-2025`). */
  editions: string[];
  /** Sample and line product names (造型黏土, 水晶泥 …). */
  productNames: string[];
}

/** Whether a limit applies to this report: its edition/date and product scope. */
export function limitApplies(rule: LimitRule, ctx: LimitContext | undefined): boolean {
  if (rule.from || rule.edition) {
    const cites = rule.edition ? ctx?.editions.map(normaliseStandard).includes(rule.edition) : false;
    const dated = rule.from && ctx?.reportDate ? ctx.reportDate >= rule.from : false;
    if (!cites && !dated) return false;
  }
  if (rule.productKeywords) {
    const names = ctx?.productNames.map(compact) ?? [];
    if (!rule.productKeywords.some((k) => names.some((n) => n.includes(k)))) return false;
  }
  return true;
}

/** The sub-items (DBP, BBP …) a printed item name holds. */
function subItemsIn(rule: LimitRule, itemName: string): string[] {
  const name = normaliseItemName(itemName);
  return (namesOf(rule).subItems ?? []).filter((s) => name.includes(s));
}

type Bound = { op: '<=' | '<' | '>=' | '>'; value: number };

export interface Rejudgement {
  rule: LimitRule;
  /** The requirement applied, printed the Chinese way: `≤75 mg/kg`, `4.0～8.5`, `≥3-4 级`. */
  limitText: string;
  pass: boolean;
}

type Measured = { kind: 'value'; value: number } | { kind: 'below'; value: number | null };

const NOT_DETECTED = /^(未检出|未检测出|ND|N\.D\.?|NOTDETECTED|<LOD)/i;

/** Parses a printed result for a rule's scale; null when it does not parse cleanly. */
export function parseResult(result: string | null, scale: LimitRule['scale']): Measured | null {
  const r = compact(result)
    .replace(/＜/g, '<')
    .replace(/[～~–—]/g, '-');
  if (!r) return null;
  if (scale === 'grade') {
    const g = /^([1-5])(?:-([1-5]))?(?:级)?$/.exec(r);
    if (!g) return null;
    const a = Number(g[1]);
    const b = g[2] === undefined ? a : Number(g[2]);
    if (b === a) return { kind: 'value', value: a };
    if (b === a + 1) return { kind: 'value', value: a + 0.5 };
    return null;
  }
  if (NOT_DETECTED.test(r)) {
    const lod = /<(\d+(?:\.\d+)?)/.exec(r);
    return { kind: 'below', value: lod ? Number(lod[1]) : null };
  }
  const below = /^<(\d+(?:\.\d+)?)(?:mg\/kg|%)?$/i.exec(r);
  if (below) return { kind: 'below', value: Number(below[1]) };
  const num = /^([+-]?\d+(?:\.\d+)?)(?:mg\/kg|%)?$/i.exec(r);
  if (num) return { kind: 'value', value: Number(num[1]) };
  return null;
}

/** Factor that converts a value printed in `from` into `to` (null when unknown). */
function unitFactor(from: string | null, to: string | null): number | null {
  const f = compact(from).toLowerCase();
  const t = compact(to).toLowerCase();
  if (!f || !t || f === t) return 1;
  if (f === '%' && t === 'mg/kg') return 10_000;
  if (f === 'mg/kg' && t === '%') return 1 / 10_000;
  if ((f === '级' && t === '') || (t === '级' && f === '')) return 1;
  return null;
}

function satisfies(value: number, b: Bound): boolean {
  switch (b.op) {
    case '<=':
      return value <= b.value;
    case '<':
      return value < b.value;
    case '>=':
      return value >= b.value;
    case '>':
      return value > b.value;
  }
}

function gradeText(v: number): string {
  return Number.isInteger(v) ? String(v) : `${Math.floor(v)}-${Math.floor(v) + 1}`;
}

export function limitText(rule: LimitRule, bounds: Bound[]): string {
  const fmt = (v: number) => (rule.scale === 'grade' ? gradeText(v) : String(v));
  const unit = rule.unit ? ` ${rule.unit}` : '';
  const lo = bounds.find((b) => b.op === '>=' || b.op === '>');
  const hi = bounds.find((b) => b.op === '<=' || b.op === '<');
  if (lo && hi) return `${lo.value.toFixed(1)}～${hi.value.toFixed(1)}${unit}`;
  const glyph = { '<=': '≤', '<': '<', '>=': '≥', '>': '>' } as const;
  return bounds.map((b) => `${glyph[b.op]}${fmt(b.value)}`).join('，') + unit;
}

/** A rule's item and sub-item names, normalised once per registry object. */
const normalisedNames = new WeakMap<LimitRule, { items: string[]; subItems: string[] | null }>();
function namesOf(rule: LimitRule) {
  let n = normalisedNames.get(rule);
  if (!n) {
    n = {
      items: rule.items.map(normaliseItemName),
      subItems: rule.subItems ? rule.subItems.map(normaliseItemName) : null,
    };
    normalisedNames.set(rule, n);
  }
  return n;
}

function ruleMatches(rule: LimitRule, name: string, category: ProductCategory): boolean {
  if (!rule.categories.includes(category)) return false;
  const n = namesOf(rule);
  return n.items.some((p) => name.startsWith(p)) && (!n.subItems || n.subItems.some((s) => name.includes(s)));
}

/**
 * The registry rule for one item, when one applies to the category (and, given a context, to the
 * report's edition/date and product). A sum rule applies to one item only when the item itself is the
 * printed sum (it names two or more of the group); single parts are judged by `judgeSums`.
 */
export function findLimitRule(
  registry: RuleRegistry,
  itemName: string,
  category: ProductCategory,
  ctx?: LimitContext,
): LimitRule | undefined {
  const name = normaliseItemName(itemName);
  return registry.limits.find(
    (rule) =>
      ruleMatches(rule, name, category) &&
      (!rule.sum || subItemsIn(rule, itemName).length >= 2) &&
      limitApplies(rule, ctx),
  );
}

/** The bounds of a rule at a safety class (or its class-free requirement). */
export function boundsAt(rule: LimitRule, cls: 'A' | 'B' | 'C' | null): Bound[] | undefined {
  return rule.requirement ?? (cls ? rule.byClass?.[cls] : undefined);
}

/**
 * Re-judges one item. Returns null when no registry limit applies, the item is printed as not
 * applicable, or the result does not parse cleanly.
 */
export function rejudgeItem(
  item: ReportItem,
  category: ProductCategory,
  safetyClass: 'A' | 'B' | 'C' | null,
  registry: RuleRegistry,
  ctx?: LimitContext,
): Rejudgement | null {
  if (item.verdict === 'n/a') return null;
  const rule = findLimitRule(registry, item.name, category, ctx);
  if (!rule) return null;
  const cls = safetyClass ?? registry.categories[category].defaultSafetyClass;
  const bounds = boundsAt(rule, cls);
  if (!bounds) return null;
  const value = measuredValue(item, rule);
  if (value === null) return null;
  const text = limitText(rule, bounds);
  if (value === 'below') {
    // Not detected: compliant with an upper limit; says nothing about a lower one.
    if (bounds.some((b) => b.op === '>=' || b.op === '>')) return null;
    return { rule, limitText: text, pass: true };
  }
  return { rule, limitText: text, pass: bounds.every((b) => satisfies(value, b)) };
}

/** An item's value in the rule's unit; `below` for not detected; null when it does not parse cleanly. */
function measuredValue(item: ReportItem, rule: LimitRule): number | 'below' | null {
  const measured = parseResult(item.result, rule.scale);
  if (!measured) return null;
  if (measured.kind === 'below') return 'below';
  const factor = rule.scale === 'grade' ? 1 : unitFactor(item.unit, rule.unit);
  if (factor === null) return null;
  const value = measured.value * factor;
  if (rule.plausible && (value < rule.plausible[0] || value > rule.plausible[1])) return null;
  return value;
}

export interface SumJudgement {
  rule: LimitRule;
  /** The printed parts that were added up (not-detected parts count as 0). */
  items: ReportItem[];
  total: number;
  limitText: string;
  pass: boolean;
}

/**
 * Limits on a sum (GB 6675.1 附录C: DBP+BBP+DEHP, DINP+DIDP+DNOP): parts printed one per row are
 * added up (not detected = 0). A printed sum row is judged by `rejudgeItem` instead. When a part does
 * not parse, the sum is judged only if the parts that do already exceed the limit.
 */
export function judgeSums(
  items: ReportItem[],
  category: ProductCategory,
  registry: RuleRegistry,
  ctx?: LimitContext,
): SumJudgement[] {
  const out: SumJudgement[] = [];
  for (const rule of registry.limits) {
    if (!rule.sum || !rule.requirement || !limitApplies(rule, ctx)) continue;
    const parts = items.filter((i) => {
      if (i.verdict === 'n/a' || !ruleMatches(rule, normaliseItemName(i.name), category)) return false;
      return subItemsIn(rule, i.name).length === 1;
    });
    if (parts.length === 0) continue;
    let total = 0;
    let complete = true;
    for (const p of parts) {
      const v = measuredValue(p, rule);
      if (v === null) complete = false;
      else if (v !== 'below') total += v;
    }
    total = Math.round(total * 1e6) / 1e6;
    const pass = rule.requirement.every((b) => satisfies(total, b));
    if (!complete && pass) continue;
    out.push({ rule, items: parts, total, limitText: limitText(rule, rule.requirement), pass });
  }
  return out;
}
