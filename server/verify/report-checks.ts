/**
 * Content checks on one report as submitted for one line (they apply whatever the report's side):
 * items (printed and re-judged), conclusion, superseded editions, required standards and items, CMA,
 * and product (model / category).
 */
import type { ProductCategory, TestReportExtraction } from '../../parsers/types';
import type { LineCondition, RuleRegistry } from './registry/registry';
import { compact, normaliseItemName, normaliseModel, normaliseStandard, standardNumberOf } from './normalise';
import { rejudgeItem } from './rejudge';
import { reportEvidence, type Issue } from './issues';
import type { EngineReport } from './types';

export interface LineFacts {
  category: ProductCategory | null;
  model: string | null;
  product: string;
  under14: boolean;
  filled: boolean;
}

function holds(when: LineCondition | undefined, facts: LineFacts): boolean {
  if (!when) return true;
  return when === 'under14' ? facts.under14 : facts.filled;
}

/** The report number as printed, or a placeholder for messages. */
export function reportLabel(r: TestReportExtraction): string {
  return r.reportNumber ? `报告${r.reportNumber}` : '报告（无编号）';
}

/** Items that fail: printed 不合格, or a clean result outside the registry limit. */
export function checkItems(report: EngineReport, facts: LineFacts, registry: RuleRegistry): Issue[] {
  const r = report.extraction;
  const issues: Issue[] = [];
  const label = reportLabel(r);
  let failing = 0;
  for (const item of r.items) {
    const re = facts.category ? rejudgeItem(item, facts.category, r.sample.safetyClass, registry) : null;
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
      issues.push({
        code: 'ITEM_FAILED',
        message: `${label}的检验项目“${item.name}”实测${item.result ?? ''}${item.unit ?? ''}，不符合${re.rule.source}限量（${re.limitText}），但报告判定为${item.verdict === 'pass' ? '合格' : '空白'}`,
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

/** Editions that had been replaced (after any transition) before the report's test date. */
export function checkSuperseded(report: EngineReport, registry: RuleRegistry): Issue[] {
  const r = report.extraction;
  const at = reportDate(r);
  if (!at) return [];
  const issues: Issue[] = [];
  for (const cited of r.standards) {
    const edition = normaliseStandard(cited);
    const entry = registry.superseded.find((s) => s.cited === edition);
    if (!entry) continue;
    const from = entry.transitionUntil ?? entry.since;
    if (at < from) continue;
    const transition = entry.transitionUntil ? `，过渡期至${entry.transitionUntil}` : '';
    issues.push({
      code: 'STANDARD_SUPERSEDED',
      message: `${reportLabel(r)}引用的检验依据${edition}已于${entry.since}被${entry.replacedBy.join('、')}代替${transition}（检验日期${at}）`,
      evidence: [reportEvidence(report, `检验依据：${edition}`, { field: 'standards' })],
    });
  }
  return issues;
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
  facts: LineFacts,
  registry: RuleRegistry,
): Issue[] {
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
  if (!facts.category) return [];
  const names = items.map((i) => normaliseItemName(i.name));
  return registry.categories[facts.category].requiredItems
    .filter((req) => holds(req.when, facts))
    .filter((req) => !req.names.some((n) => names.some((name) => name.startsWith(normaliseItemName(n)))))
    .map((req) => req.label ?? req.names[0] ?? '');
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
  return {
    category,
    model: r.sample.model,
    product: name,
    under14: cond.under14SchoolKinds.includes(schoolKind),
    filled: category === 'bedding' && cond.filledKeywords.some((k) => name.includes(k)),
  };
}

export function checkRequiredItems(report: EngineReport, facts: LineFacts, registry: RuleRegistry): Issue[] {
  if (!facts.category) return [];
  const rules = registry.categories[facts.category];
  const missing = missingRequiredItems(report.extraction.items, facts, registry);
  if (missing.length === 0) return [];
  return [
    {
      code: 'REQUIRED_ITEM_MISSING',
      message: `${reportLabel(report.extraction)}缺少${rules.label}的必检项目：${missing.join('、')}`,
      evidence: [reportEvidence(report, `缺少项目：${missing.join('、')}`, { field: 'items' })],
    },
  ];
}

export function checkCma(report: EngineReport): Issue[] {
  const r = report.extraction;
  if (/\d{6,}/.test(compact(r.lab.cmaNumber))) return [];
  return [
    {
      code: 'NO_CMA',
      message: `${reportLabel(r)}（${r.lab.name ?? '检验机构不明'}）未显示CMA资质认定标志或证书编号，不能证明出具机构具有法定资质`,
      evidence: [
        reportEvidence(report, `检验机构：${r.lab.name ?? '—'}；CMA：无`, { field: 'lab.cmaNumber' }),
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
    const families = new Set([...categoriesOfName(r.sample.name, registry)].map((c) => FAMILY[c]));
    if (families.size > 0 && !families.has(FAMILY[facts.category])) {
      return [
        {
          code: 'PRODUCT_MISMATCH',
          message: `${label}的样品“${r.sample.name ?? ''}”与合同产品“${facts.product}”不属于同一类产品`,
          evidence: [reportEvidence(report, `样品名称：${r.sample.name ?? ''}`, { field: 'sample.name' })],
        },
      ];
    }
  }
  return [];
}
