/**
 * Content checks on one report as submitted for one line (they apply whatever the report's side):
 * items (printed and re-judged), conclusion, superseded editions, required standards and items, CMA,
 * and product (model / category).
 */
import type { ProductCategory, TestReportExtraction } from '../../parsers/types';
import type { LineCondition, RuleRegistry } from './registry/registry';
import { compact, normaliseItemName, normaliseModel, normaliseStandard, standardNumberOf } from './normalise';
import { boundsAt, judgeSums, limitText, rejudgeItem, type LimitContext } from './rejudge';
import { reportEvidence, type Issue } from './issues';
import type { EngineReport } from './types';
import { reportBatch } from './batch-identity';

export interface LineFacts {
  category: ProductCategory | null;
  model: string | null;
  product: string;
  under14: boolean;
  filled: boolean;
  /** A product for children ≤36 months (托班, 婴幼儿用品): GB 31701 A类 and the infant-only items. */
  infant: boolean;
}

function holds(when: LineCondition | undefined, facts: LineFacts): boolean {
  if (!when) return true;
  if (when === 'under14') return facts.under14;
  if (when === 'infant') return facts.infant;
  return facts.filled;
}

/** Whether a name marks a product for children ≤36 months. */
export function isInfantName(name: string | null | undefined, registry: RuleRegistry): boolean {
  const n = compact(name);
  return !!n && registry.conditions.infantKeywords.some((k) => n.includes(compact(k)));
}

/**
 * The line's facts as one report sharpens them: a report on an infant product (its sample name, or an
 * infant product standard among its standards) makes the infant rules apply.
 */
export function factsForReport(r: TestReportExtraction, facts: LineFacts, registry: RuleRegistry): LineFacts {
  if (facts.infant || !facts.category || facts.category === 'plastic_toy') return facts;
  const cites = r.standards.some((s) =>
    registry.conditions.infantStandards.includes(standardNumberOf(normaliseStandard(s))),
  );
  return cites || isInfantName(r.sample.name, registry) ? { ...facts, infant: true } : facts;
}

const STRICTNESS = { A: 0, B: 1, C: 2 } as const;
type SafetyClass = keyof typeof STRICTNESS;

/** The class the product must meet whatever the report prints (strictest applicable), with its source. */
export function requiredClass(
  facts: LineFacts,
  registry: RuleRegistry,
): { cls: SafetyClass; source: string } | null {
  if (!facts.category) return null;
  const rules = (registry.categories[facts.category].requiredSafetyClass ?? []).filter((r) =>
    holds(r.when, facts),
  );
  let best: { cls: SafetyClass; source: string } | null = null;
  for (const r of rules) {
    if (!best || STRICTNESS[r.class] < STRICTNESS[best.cls]) best = { cls: r.class, source: r.source };
  }
  return best;
}

/** The class a report's items are judged at: the stricter of the printed (or default) and the required. */
export function judgedClass(
  printed: SafetyClass | null,
  facts: LineFacts,
  registry: RuleRegistry,
): { cls: SafetyClass | null; raisedFrom: SafetyClass | null; source: string | null } {
  const own = printed ?? (facts.category ? registry.categories[facts.category].defaultSafetyClass : null);
  const req = requiredClass(facts, registry);
  if (req && (!own || STRICTNESS[req.cls] < STRICTNESS[own])) {
    return { cls: req.cls, raisedFrom: printed, source: req.source };
  }
  return { cls: own, raisedFrom: null, source: null };
}

/** What decides dated and product-specific limits for a report on a line. */
export function limitContext(r: TestReportExtraction, facts: LineFacts): LimitContext {
  return {
    reportDate: reportDate(r),
    editions: r.standards.map(normaliseStandard),
    productNames: [r.sample.name ?? '', facts.product],
  };
}

/** Percentages per fibre from a printed fibre content (`棉 53.8 聚酯纤维 46.2`, `65%棉/35%涤纶`). */
export function cottonPercent(text: string | null): number | null {
  const t = compact(text).replace(/％/g, '%');
  if (!t) return null;
  const after = /(?:^|[^再])棉(?:纤维)?[:：]?(\d+(?:\.\d+)?)%?/.exec(t);
  if (after) return Number(after[1]);
  const before = /(\d+(?:\.\d+)?)%(?:的)?棉/.exec(t);
  if (before) return Number(before[1]);
  // A content that names fibres but no cotton has none.
  return /\d/.test(t) && /纤维|涤|棉|粘|锦|氨纶|腈|毛|麻|丝/.test(t) ? 0 : null;
}

/** A printed requirement that states the nominal (label) content rather than a tolerance or a standard. */
function nominalText(req: string | null): boolean {
  const t = compact(req);
  if (!t || /[±≤≥<>]|允差|偏差|GB|FZ/.test(t)) return false;
  return /棉/.test(t) || (/\d+(?:\.\d+)?%/.test(t) && /纤维|涤|粘|锦|氨纶|腈|毛|麻|丝/.test(t));
}

const NOT_SKIN = /填充|絮|罗纹|装饰|配料|绣花|袋布|衬布/;
/** GB/T 31888 4.3 tolerance of a measured content against the nominal one (GB/T 29862 4.x: 5 points). */
const FIBRE_TOLERANCE = 5;

/**
 * GB/T 31888 4.3: the nominal cotton content of the skin-contact parts is at least 35 %. The nominal
 * value is the printed requirement (标称值) when it names cotton; otherwise only a measured content
 * that no nominal ≥ 35 % could explain (below 35 − 5 points, GB/T 29862 tolerance) fails. A report
 * printing several parts passes when any part in skin contact reaches it (which part touches skin is
 * not printed).
 */
function checkCotton(report: EngineReport, facts: LineFacts, registry: RuleRegistry): Issue[] {
  const rule = facts.category ? registry.categories[facts.category].cottonMinNominalPercent : undefined;
  if (!rule) return [];
  const r = report.extraction;
  const parts = r.items.filter(
    (i) =>
      /^纤维(?:成分|含量)/.test(normaliseItemName(i.name)) && !NOT_SKIN.test(i.name) && i.verdict !== 'n/a',
  );
  const judged = parts
    .map((i) => {
      const nominal = nominalText(i.requirement) ? cottonPercent(i.requirement) : null;
      const measured = cottonPercent(i.result);
      if (nominal !== null) return { item: i, nominal, measured, pass: nominal >= rule.value };
      if (measured === null) return null;
      return { item: i, nominal: null, measured, pass: measured + FIBRE_TOLERANCE >= rule.value };
    })
    .filter((j): j is NonNullable<typeof j> => j !== null);
  if (judged.length === 0 || judged.some((j) => j.pass)) return [];
  const first = judged[0]!;
  const what =
    first.nominal !== null
      ? `标称棉纤维含量${first.nominal}%`
      : `实测棉纤维含量${first.measured ?? 0}%（未印标称值；按GB/T 29862允差${FIBRE_TOLERANCE}个百分点，标称值也不可能达到${rule.value}%）`;
  return [
    {
      code: 'ITEM_FAILED',
      message: `${reportLabel(r)}的检验项目“${first.item.name}”${what}，不符合“直接接触皮肤部分棉纤维含量标称值不低于${rule.value}%”（${rule.source}）`,
      evidence: [
        reportEvidence(
          report,
          `${first.item.name}：${first.item.result ?? '—'}；要求：≥${rule.value}%棉（${rule.source}）`,
          {
            item: first.item.name,
            page: first.item.page ?? null,
          },
        ),
      ],
    },
  ];
}

/** The report number as printed, or a placeholder for messages. */
export function reportLabel(r: TestReportExtraction): string {
  return r.reportNumber ? `报告${r.reportNumber}` : '报告（无编号）';
}

/** Items that fail: printed 不合格, or a clean result outside the registry limit. */
export function checkItems(report: EngineReport, lineFacts: LineFacts, registry: RuleRegistry): Issue[] {
  const r = report.extraction;
  const facts = factsForReport(r, lineFacts, registry);
  const issues: Issue[] = [];
  const label = reportLabel(r);
  const judged = judgedClass(r.sample.safetyClass, facts, registry);
  const ctx = limitContext(r, facts);
  let failing = 0;
  for (const item of r.items) {
    const re = facts.category ? rejudgeItem(item, facts.category, judged.cls, registry, ctx) : null;
    const page = item.page ?? null;
    if (item.verdict === 'fail') {
      failing++;
      const req = item.requirement ? `，要求${item.requirement}` : '';
      issues.push({
        code: 'ITEM_FAILED',
        message: `${label}的检验项目“${item.name}”判定不合格（结果${item.result ?? '—'}${req}）`,
        evidence: [
          reportEvidence(report, `${item.name}：${item.result ?? '—'}，判定不合格`, {
            item: item.name,
            page,
          }),
        ],
      });
    } else if (re && !re.pass) {
      failing++;
      const printedBounds = judged.raisedFrom ? boundsAt(re.rule, judged.raisedFrom) : undefined;
      const raised =
        judged.raisedFrom && judged.cls
          ? `；报告标注${judged.raisedFrom}类（${judged.raisedFrom}类限量${printedBounds ? limitText(re.rule, printedBounds) : '无'}），但${registry.categories[facts.category!].label}须按${judged.cls}类判定（${judged.source ?? ''}）`
          : '';
      const clsText = re.rule.byClass && judged.cls ? `${judged.cls}类` : '';
      issues.push({
        code: 'ITEM_FAILED',
        message: `${label}的检验项目“${item.name}”实测${item.result ?? ''}${item.unit ?? ''}，不符合${re.rule.source}${clsText}限量（${re.limitText}）${raised}，但报告判定为${item.verdict === 'pass' ? '合格' : '空白'}`,
        evidence: [
          reportEvidence(
            report,
            `${item.name}：${item.result ?? ''}，限量${re.limitText}（${re.rule.source}）`,
            {
              item: item.name,
              page,
            },
          ),
        ],
      });
    }
  }
  if (facts.category) {
    for (const sum of judgeSums(r.items, facts.category, registry, ctx)) {
      if (sum.pass || sum.items.some((i) => i.verdict === 'fail')) continue;
      failing++;
      const parts = sum.items.map((i) => `${i.name} ${i.result ?? ''}${i.unit ?? ''}`).join('、');
      const names = sum.items.map((i) => i.name).join('+');
      issues.push({
        code: 'ITEM_FAILED',
        message: `${label}的${parts}合计${sum.total}${sum.rule.unit ?? ''}，超过${sum.rule.source}规定的总含量限量（${sum.limitText}），但报告判定为合格`,
        evidence: [
          reportEvidence(report, `${names}：合计${sum.total}${sum.rule.unit ?? ''}，限量${sum.limitText}`, {
            item: sum.items[0]?.name ?? names,
            page: sum.items[0]?.page ?? null,
          }),
        ],
      });
    }
  }
  const cotton = checkCotton(report, facts, registry);
  failing += cotton.length;
  issues.push(...cotton);
  if (r.conclusion === 'pass' && failing > 0) {
    const names = issues.map((i) => i.evidence[0]?.item).filter(Boolean);
    issues.push({
      code: 'CONCLUSION_CONTRADICTS_ITEMS',
      message: `${label}的结论为“合格”，但项目“${names.join('、')}”不合格，结论与单项判定矛盾，请核实报告真实性`,
      evidence: [reportEvidence(report, '检验结论：合格', { field: 'conclusion' })],
    });
  } else if (r.conclusion === 'fail' && failing === 0 && r.items.length > 0) {
    issues.push({
      code: 'CONCLUSION_CONTRADICTS_ITEMS',
      message: `${label}的结论为“不合格”，但所有检验项目均判定合格，结论与单项判定矛盾，请核实报告`,
      evidence: [reportEvidence(report, '检验结论：不合格', { field: 'conclusion' })],
    });
  }
  return issues;
}

/** The date a report's standards are judged at: its test date, else its issue date. */
export function reportDate(r: TestReportExtraction): string | null {
  return r.dates.tested ?? r.dates.issued ?? null;
}

/** Editions that had been replaced before the report's test date (a test from `since` on must use the new one). */
export function checkSuperseded(report: EngineReport, registry: RuleRegistry): Issue[] {
  const r = report.extraction;
  const at = reportDate(r);
  if (!at) return [];
  const issues: Issue[] = [];
  for (const cited of r.standards) {
    const edition = normaliseStandard(cited);
    const entry = registry.superseded.find((s) => s.cited === edition);
    if (!entry || at < entry.since) continue;
    issues.push({
      code: 'STANDARD_SUPERSEDED',
      message: `${reportLabel(r)}引用的检验依据${edition}已于${entry.since}被${entry.replacedBy.join('、')}代替（检验日期${at}；${entry.source}）`,
      evidence: [reportEvidence(report, `检验依据：${edition}`, { field: 'standards' })],
    });
  }
  return issues;
}

/** The production date a report (or its batch number) prints, when it prints one. */
export function productionDateOf(r: TestReportExtraction): string | null {
  const sample = r.sample as TestReportExtraction['sample'] & { productionDate?: string | null };
  if (sample.productionDate) return sample.productionDate;
  const batch = compact(sample.batch);
  if (!batch) return null;
  const ymd = /(20\d{2})[-./年]?(0[1-9]|1[0-2])[-./月]?(0[1-9]|[12]\d|3[01])/.exec(batch);
  if (ymd) return `${ymd[1]}-${ymd[2]}-${ymd[3]}`;
  const ym = /(20\d{2})[-./年](0?[1-9]|1[0-2])月?$/.exec(batch);
  if (ym) return `${ym[1]}-${ym[2]!.padStart(2, '0')}-01`;
  // the forms 本批次 comparison reads too (2024-05批, 第2024.05批, 2016.04/款号:YKP027)
  const date = reportBatch(r)?.date;
  return date
    ? `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day ?? 1).padStart(2, '0')}`
    : null;
}

/**
 * Old editions with a stock-sale transition (GB 6675.x-2014 → 2025: "12+12"). Reports tested before
 * `since` may cite the old edition, but they only cover goods made before `since`, and only until
 * `stockSaleUntil`. A line delivered after `stockSaleUntil` covered only by old-edition reports is
 * superseded; a delivery in between needs the production date (printed later than `since` →
 * superseded; not printed → a point for review).
 */
export function checkStockTransition(
  reports: EngineReport[],
  delivered: string | null,
  registry: RuleRegistry,
): { issues: Issue[]; reviews: string[] } {
  const issues: Issue[] = [];
  const reviews: string[] = [];
  if (!delivered) return { issues, reviews };
  const cited = reports.flatMap((rep) => rep.extraction.standards.map(normaliseStandard));
  for (const entry of registry.superseded) {
    if (!entry.stockSaleUntil || delivered < entry.since) continue;
    if (entry.replacedBy.some((e) => cited.includes(e))) continue;
    for (const report of reports) {
      const r = report.extraction;
      const at = reportDate(r);
      if (!r.standards.map(normaliseStandard).includes(entry.cited) || !at || at >= entry.since) continue;
      const label = reportLabel(r);
      if (delivered > entry.stockSaleUntil) {
        issues.push({
          code: 'STANDARD_SUPERSEDED',
          message: `交货（验收）日期${delivered}晚于${entry.stockSaleUntil}，而本行只有依据${entry.cited}的${label}；${entry.since}前生产的库存只能销售至${entry.stockSaleUntil}，此后须有依据${entry.replacedBy.join('、')}的检验报告（${entry.source}）`,
          evidence: [
            reportEvidence(report, `检验依据：${entry.cited}；交货日期：${delivered}`, {
              field: 'standards',
            }),
          ],
        });
        continue;
      }
      const produced = productionDateOf(r);
      if (produced && produced >= entry.since) {
        issues.push({
          code: 'STANDARD_SUPERSEDED',
          message: `${label}依据${entry.cited}，但样品生产日期（批号）${produced}不早于${entry.since}：该日起生产的产品须符合${entry.replacedBy.join('、')}（${entry.source}）`,
          evidence: [
            reportEvidence(report, `生产日期/批号：${r.sample.batch ?? produced}`, { field: 'sample.batch' }),
          ],
        });
      } else if (!produced) {
        reviews.push(
          `${label}依据${entry.cited}，交货日期${delivered}在${entry.since}至${entry.stockSaleUntil}的库存销售过渡期内：仅当产品在${entry.since}前生产时有效，报告和合同均未显示生产日期，请核实`,
        );
      }
    }
  }
  return { issues, reviews: [...new Set(reviews)] };
}

/** Standard numbers (no year) a report counts as citing: its own, plus replacements of superseded ones. */
function citedNumbers(r: TestReportExtraction, registry: RuleRegistry): Set<string> {
  const out = new Set<string>();
  for (const cited of r.standards) {
    const edition = normaliseStandard(cited);
    out.add(standardNumberOf(edition));
    const entry = registry.superseded.find((s) => s.cited === edition);
    for (const rep of entry?.replacedBy ?? []) out.add(standardNumberOf(rep));
  }
  return out;
}

export function checkRequiredStandards(
  report: EngineReport,
  lineFacts: LineFacts,
  registry: RuleRegistry,
): Issue[] {
  const facts = factsForReport(report.extraction, lineFacts, registry);
  if (!facts.category) return [];
  const rules = registry.categories[facts.category];
  const cited = citedNumbers(report.extraction, registry);
  const missing = rules.requiredStandards
    .filter((g) => holds(g.when, facts) && !g.anyOf.some((n) => cited.has(n)))
    .map((g) => g.anyOf.join('或'));
  if (missing.length === 0) return [];
  return [
    {
      code: 'REQUIRED_STANDARD_MISSING',
      message: `${reportLabel(report.extraction)}的检验依据缺少${missing.join('、')}（${rules.label}必须依据的标准）`,
      evidence: [
        reportEvidence(report, `检验依据：${report.extraction.standards.join('、') || '无'}`, {
          field: 'standards',
        }),
      ],
    },
  ];
}

/** The category's required items (for these facts) that the report's item table does not hold. */
export function missingRequiredItems(
  items: TestReportExtraction['items'],
  facts: LineFacts,
  registry: RuleRegistry,
): string[] {
  return missingRequired(items, facts, registry).map((m) => m.label);
}

/** Printed as not applicable: the n/a verdict, or a result of "/", "—", 不适用, 不检测. */
function printedNotApplicable(item: TestReportExtraction['items'][number]): boolean {
  if (item.verdict === 'n/a') return true;
  return /^(\/|—|-|－|――|不适用|不检测|未检测|不判定|N\/A)$/i.test(compact(item.result));
}

type RequiredItem = RuleRegistry['categories']['school_uniform']['requiredItems'][number];
const requiredNameCache = new WeakMap<RequiredItem, string[]>();
/** A required item's accepted names, normalised once per registry object. */
function requiredNames(req: RequiredItem): string[] {
  let n = requiredNameCache.get(req);
  if (!n) {
    n = req.names.map(normaliseItemName);
    requiredNameCache.set(req, n);
  }
  return n;
}

/** Required items the table lacks, and (for safety items) those printed "/" or 不适用. */
function missingRequired(
  items: TestReportExtraction['items'],
  facts: LineFacts,
  registry: RuleRegistry,
): { label: string; notApplicable: boolean }[] {
  if (!facts.category) return [];
  const named = items.map((i) => ({ name: normaliseItemName(i.name), item: i }));
  const out: { label: string; notApplicable: boolean }[] = [];
  for (const req of registry.categories[facts.category].requiredItems) {
    if (!holds(req.when, facts)) continue;
    const prefixes = requiredNames(req);
    const found = named.filter((n) => prefixes.some((p) => n.name.startsWith(p)));
    const label = req.label ?? req.names[0] ?? '';
    if (found.length === 0) out.push({ label, notApplicable: false });
    else if (req.mustApply && found.every((f) => printedNotApplicable(f.item))) {
      out.push({ label, notApplicable: true });
    }
  }
  return out;
}

/**
 * The facts a report alone gives, before it is linked to a line: the product category its sample
 * name names (when exactly one), and the pupils' age from the uploading school's kind.
 */
export function reportFacts(r: TestReportExtraction, schoolKind: string, registry: RuleRegistry): LineFacts {
  const found = [...categoriesOfName(r.sample.name, registry)];
  const name = r.sample.name ?? '';
  const cond = registry.conditions;
  const category = found.length === 1 ? found[0]! : null;
  return factsForReport(
    r,
    {
      category,
      model: r.sample.model,
      product: name,
      under14: isUnder14(schoolKind, registry),
      filled: category === 'bedding' && cond.filledKeywords.some((k) => name.includes(k)),
      infant: isInfantName(name, registry),
    },
    registry,
  );
}

/**
 * Pupils ≤14 (GB 31701 applies): a kind in the registry list, or a kind not known (empty/unknown):
 * when the level is unknown the stricter rule applies.
 */
export function isUnder14(schoolKind: string | null | undefined, registry: RuleRegistry): boolean {
  if (!schoolKind) return true;
  const known = ['kindergarten', 'primary', 'junior', 'nine_year', 'complete_secondary', 'senior'];
  return !known.includes(schoolKind) || registry.conditions.under14SchoolKinds.includes(schoolKind);
}

export function checkRequiredItems(
  report: EngineReport,
  lineFacts: LineFacts,
  registry: RuleRegistry,
): Issue[] {
  const facts = factsForReport(report.extraction, lineFacts, registry);
  if (!facts.category) return [];
  const rules = registry.categories[facts.category];
  const missing = missingRequired(report.extraction.items, facts, registry);
  if (missing.length === 0) return [];
  const absent = missing.filter((m) => !m.notApplicable).map((m) => m.label);
  const na = missing.filter((m) => m.notApplicable).map((m) => m.label);
  const parts = [
    absent.length > 0 ? `缺少${rules.label}的必检项目：${absent.join('、')}` : '',
    na.length > 0 ? `安全项目${na.join('、')}填写为“/”或“不适用”，但${rules.label}不能免检这些项目` : '',
  ].filter(Boolean);
  const all = missing.map((m) => m.label);
  return [
    {
      code: 'REQUIRED_ITEM_MISSING',
      message: `${reportLabel(report.extraction)}${parts.join('；')}`,
      evidence: [reportEvidence(report, `缺少或未检项目：${all.join('、')}`, { field: 'items' })],
    },
  ];
}

/**
 * The CMA (检验检测机构资质认定) certificate number: 12 digits — 2 for the year of issue, 2 for the
 * issuing authority, 2 for the field, 2 for the sector, 4 for the serial (认监委《检验检测机构资质认定
 * 证书及标志管理》 numbering; shared/domain.md §7.7). Printed with spaces or a "CMA" prefix at times;
 * full-width digits are read as digits. Anything else is not a certificate number.
 */
export function cmaProblem(cmaNumber: string | null | undefined): string | null {
  const raw = compact(cmaNumber);
  if (!raw) return '未显示CMA资质认定标志或证书编号';
  const digits = raw
    .toUpperCase()
    .replace(/^(CMA|资质认定证书编号|证书编号|编号)[:：]?/, '')
    .replace(/[-‐–—]/g, '');
  if (/^\d{12}$/.test(digits)) return null;
  const count = (digits.match(/\d/g) ?? []).length;
  if (/^\d+$/.test(digits)) {
    return `CMA证书编号“${cmaNumber ?? ''}”为${count}位数字，资质认定证书编号应为12位数字`;
  }
  return `CMA证书编号“${cmaNumber ?? ''}”含有数字以外的字符，资质认定证书编号应为12位数字`;
}

export function checkCma(report: EngineReport): Issue[] {
  const r = report.extraction;
  const problem = cmaProblem(r.lab.cmaNumber);
  if (!problem) return [];
  return [
    {
      code: 'NO_CMA',
      message: `${reportLabel(r)}（${r.lab.name ?? '检验机构不明'}）${problem}，不能证明出具机构具有法定资质`,
      evidence: [
        reportEvidence(report, `检验机构：${r.lab.name ?? '—'}；CMA：${r.lab.cmaNumber ?? '无'}`, {
          field: 'lab.cmaNumber',
        }),
      ],
    },
  ];
}

/** Product families detected from a name by the registry's category keywords. */
export function categoriesOfName(name: string | null, registry: RuleRegistry): Set<ProductCategory> {
  const out = new Set<ProductCategory>();
  const n = compact(name);
  if (!n) return out;
  for (const cat of Object.keys(registry.categories) as ProductCategory[]) {
    if (registry.categories[cat].productKeywords.some((k) => n.includes(k))) out.add(cat);
  }
  return out;
}

const FAMILY: Record<ProductCategory, string> = {
  school_uniform: 'garment',
  kindergarten_garment: 'garment',
  plastic_toy: 'toy',
  bedding: 'bedding',
};

/**
 * Words that name a product category outright (校服 vs 园服 vs 被褥 vs 玩具): a sample named with
 * one category's word is not another category's product, whatever the model. Narrower than the
 * registry's product keywords (which also hold generic garment words such as 外套, 夏装).
 */
const CATEGORY_WORDS: Record<ProductCategory, string[]> = {
  school_uniform: ['校服', '学生服', '学生装', '学生制服'],
  kindergarten_garment: ['园服', '幼儿园服'],
  plastic_toy: ['玩具'],
  bedding: ['被褥', '棉被', '被套', '被芯', '床单', '床上用品', '枕套', '枕芯', '褥'],
};

/** Categories a name states by a category word. */
export function categoriesByWord(name: string | null): Set<ProductCategory> {
  const out = new Set<ProductCategory>();
  const n = compact(name);
  if (!n) return out;
  for (const cat of Object.keys(CATEGORY_WORDS) as ProductCategory[]) {
    if (CATEGORY_WORDS[cat].some((w) => n.includes(w))) out.add(cat);
  }
  return out;
}

export function checkProduct(report: EngineReport, facts: LineFacts, registry: RuleRegistry): Issue[] {
  const r = report.extraction;
  const label = reportLabel(r);
  const reportModel = normaliseModel(r.sample.model);
  const lineModel = normaliseModel(facts.model);
  if (reportModel && lineModel && reportModel !== lineModel) {
    return [
      {
        code: 'PRODUCT_MISMATCH',
        message: `${label}的样品型号（款号）${r.sample.model ?? ''}与合同明细的型号${facts.model ?? ''}不一致，不能证明检验的是本合同产品`,
        evidence: [reportEvidence(report, `样品型号：${r.sample.model ?? ''}`, { field: 'sample.model' })],
      },
    ];
  }
  if (facts.category) {
    const mismatch = (message: string): Issue[] => [
      {
        code: 'PRODUCT_MISMATCH',
        message,
        evidence: [reportEvidence(report, `样品名称：${r.sample.name ?? ''}`, { field: 'sample.name' })],
      },
    ];
    const families = new Set([...categoriesOfName(r.sample.name, registry)].map((c) => FAMILY[c]));
    if (families.size > 0 && !families.has(FAMILY[facts.category])) {
      return mismatch(`${label}的样品“${r.sample.name ?? ''}”与合同产品“${facts.product}”不属于同一类产品`);
    }
    const sampleWords = categoriesByWord(r.sample.name);
    const lineWords = categoriesByWord(facts.product);
    lineWords.add(facts.category);
    if (sampleWords.size > 0 && ![...sampleWords].some((c) => lineWords.has(c))) {
      const named = [...sampleWords].map((c) => registry.categories[c].label).join('、');
      return mismatch(
        `${label}的样品“${r.sample.name ?? ''}”是${named}，合同产品“${facts.product}”是${registry.categories[facts.category].label}，不能证明检验的是本合同产品`,
      );
    }
  }
  return [];
}

/** A 3C certificate number in its printed form (16 digits). */
const CCC_NUMBER = /^\d{16}$/;

/**
 * Toys are in the CCC catalogue (强制性产品认证目录): a toy line needs a 3C certificate number shown on
 * one of its reports or on the contract line; none is NO_CCC (a point for market supervision).
 */
export function checkCcc(
  reports: EngineReport[],
  line: { cccNumber?: string | null },
  facts: LineFacts,
  registry: RuleRegistry,
): Issue[] {
  const rule = facts.category ? registry.categories[facts.category].cccRequired : undefined;
  if (!rule) return [];
  const shown = [line.cccNumber, ...reports.map((r) => r.extraction.cccNumber)].some((n) =>
    CCC_NUMBER.test(compact(n)),
  );
  if (shown) return [];
  const first = reports[0];
  return [
    {
      code: 'NO_CCC',
      message: `玩具属于强制性产品认证（3C）目录，但本行的检验报告和合同均未显示3C证书编号，请市场监管部门核查认证情况（${rule.source}）`,
      evidence: first ? [reportEvidence(first, '3C证书编号：无', { field: 'cccNumber' })] : [],
    },
  ];
}
