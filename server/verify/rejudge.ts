/**
 * Re-judging an item against the registry's numeric limits, independently of the printed verdict.
 * Only results that parse cleanly are judged (a number, `未检出(<20)`, `ND`, a half grade `3-4`);
 * anything else keeps its printed verdict. The sign (≤ or <) comes from the registry, never the glyph.
 */
import type { ProductCategory, ReportItem } from '../../parsers/types';
import type { LimitRule, RuleRegistry } from './registry/registry';
import { compact, normaliseItemName } from './normalise';

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

function limitText(rule: LimitRule, bounds: Bound[]): string {
  const fmt = (v: number) => (rule.scale === 'grade' ? gradeText(v) : String(v));
  const unit = rule.unit ? ` ${rule.unit}` : '';
  const lo = bounds.find((b) => b.op === '>=' || b.op === '>');
  const hi = bounds.find((b) => b.op === '<=' || b.op === '<');
  if (lo && hi) return `${lo.value.toFixed(1)}～${hi.value.toFixed(1)}${unit}`;
  const glyph = { '<=': '≤', '<': '<', '>=': '≥', '>': '>' } as const;
  return bounds.map((b) => `${glyph[b.op]}${fmt(b.value)}`).join('，') + unit;
}

/** The registry rule for an item, when one applies to the category. */
export function findLimitRule(
  registry: RuleRegistry,
  itemName: string,
  category: ProductCategory,
): LimitRule | undefined {
  const name = normaliseItemName(itemName);
  return registry.limits.find(
    (rule) =>
      rule.categories.includes(category) &&
      rule.items.some((p) => name.startsWith(normaliseItemName(p))) &&
      (!rule.subItems || rule.subItems.some((s) => name.includes(normaliseItemName(s)))),
  );
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
): Rejudgement | null {
  if (item.verdict === 'n/a') return null;
  const rule = findLimitRule(registry, item.name, category);
  if (!rule) return null;
  const cls = safetyClass ?? registry.categories[category].defaultSafetyClass;
  const bounds = rule.requirement ?? (cls ? rule.byClass?.[cls] : undefined);
  if (!bounds) return null;
  const measured = parseResult(item.result, rule.scale);
  if (!measured) return null;
  const text = limitText(rule, bounds);
  if (measured.kind === 'below') {
    // Not detected: compliant with an upper limit; says nothing about a lower one.
    if (bounds.some((b) => b.op === '>=' || b.op === '>')) return null;
    return { rule, limitText: text, pass: true };
  }
  const factor = rule.scale === 'grade' ? 1 : unitFactor(item.unit, rule.unit);
  if (factor === null) return null;
  const value = measured.value * factor;
  if (rule.plausible && (value < rule.plausible[0] || value > rule.plausible[1])) return null;
  return { rule, limitText: text, pass: bounds.every((b) => satisfies(value, b)) };
}
