/**
 * Findings for one contract line. Depends only on the line, its contract, its reports and the
 * district index (for duplicate numbers) — the unit of incremental recompute.
 */
import type { ProductCategory } from '../../parsers/types';
import type { RuleRegistry } from './registry/registry';
import type { VerificationPolicy } from './policy';
import { addDays, addMonths, normaliseName } from './normalise';
import { decideSide, schoolKindFromName, type RegisteredParty } from './parties';
import { duplicatesOf, type DistrictIndex } from './district-index';
import { reportEvidence, type Issue } from './issues';
import {
  categoriesOfName,
  checkCcc,
  checkCma,
  isInfantName,
  isUnder14,
  checkItems,
  checkProduct,
  checkRequiredItems,
  checkRequiredStandards,
  checkStockTransition,
  checkSuperseded,
  reportLabel,
  type LineFacts,
} from './report-checks';
import { usccCheck } from './uscc';
import { checkBatches } from './batch';
import { checkSetPieces } from './set-lines';
import type { SideDecision } from './parties';
import type {
  EngineContract,
  EngineDistrict,
  EngineLine,
  EngineReport,
  EngineSchool,
  Evidence,
  Finding,
  FindingCode,
  LineReportUse,
  LineResult,
} from './types';

export interface VerifyContext {
  district: EngineDistrict;
  /** by normalised name */
  schools: Map<string, EngineSchool>;
  /** Every registered school and education authority (this district's and others'). */
  registered: RegisteredParty[];
  registry: RuleRegistry;
  policy: VerificationPolicy;
  asOf: string;
  index: DistrictIndex;
}

export function schoolMap(schools: EngineSchool[]): Map<string, EngineSchool> {
  const m = new Map<string, EngineSchool>();
  for (const s of schools) {
    m.set(normaliseName(s.name), s);
    for (const a of s.aliases ?? []) m.set(normaliseName(a), s);
  }
  return m;
}

/** Category of a line: as extracted, else from the product name by the registry's keywords. */
export function lineCategory(product: string, category: ProductCategory | null, registry: RuleRegistry) {
  if (category) return category;
  const found = [...categoriesOfName(product, registry)];
  return found.length === 1 ? (found[0] ?? null) : null;
}

export function lineFacts(contract: EngineContract, line: EngineLine, ctx: VerifyContext): LineFacts {
  const purchaser = contract.extraction.purchaser.name ?? '';
  const kind = ctx.schools.get(normaliseName(purchaser))?.kind ?? schoolKindFromName(purchaser);
  const category = lineCategory(line.line.product, line.line.category, ctx.registry);
  const cond = ctx.registry.conditions;
  const filled = category === 'bedding' && cond.filledKeywords.some((k) => line.line.product.includes(k));
  return {
    category,
    model: line.line.model,
    product: line.line.product,
    under14: isUnder14(kind, ctx.registry),
    filled,
    infant: category !== 'plastic_toy' && isInfantName(line.line.product, ctx.registry),
  };
}

function contractEvidence(contract: EngineContract, text: string, field?: string): Evidence {
  const page = field ? (contract.extraction.fields?.[field]?.page ?? null) : null;
  return { file: contract.file, documentId: contract.id, page, text };
}

function dateWindowIssues(
  report: EngineReport,
  side: 'supplier' | 'purchaser',
  contract: EngineContract,
  policy: VerificationPolicy,
  acceptedDate: string | null | undefined,
): Issue[] {
  const { signedDate, deliveryDate } = contract.extraction;
  // The school-side window counts from the day the goods were accepted, else the delivery date.
  const arrived = acceptedDate ?? deliveryDate;
  const arrivedLabel = acceptedDate ? '验收日期' : '交货日期';
  const { issued, received } = report.extraction.dates;
  const label = reportLabel(report.extraction);
  const problems: string[] = [];
  if (side === 'supplier') {
    if (issued && signedDate) {
      const earliest = addMonths(signedDate, -policy.supplierReportMaxAgeMonths);
      if (issued < earliest) {
        problems.push(
          `供应商${label}签发于${issued}，早于合同签订日${signedDate}前${policy.supplierReportMaxAgeMonths}个月（${earliest}），不能证明是本批次产品的检验`,
        );
      }
    }
    if (issued && deliveryDate && issued > deliveryDate) {
      problems.push(`供应商${label}签发于${issued}，晚于交货日期${deliveryDate}，不是交货前的送检`);
    }
  } else if (arrived) {
    const latest = addMonths(arrived, policy.purchaserWindowMonths);
    if (received && received < arrived) {
      problems.push(`学校方${label}的收样日期${received}早于${arrivedLabel}${arrived}，不是到货后的抽样`);
    } else if (issued && issued < arrived) {
      problems.push(`学校方${label}签发于${issued}，早于${arrivedLabel}${arrived}，不是到货后的抽样检验`);
    }
    if (issued && issued > latest) {
      problems.push(
        `学校方${label}签发于${issued}，晚于${arrivedLabel}后${policy.purchaserWindowMonths}个月（${latest}）`,
      );
    }
  }
  return problems.map((message) => ({
    code: 'REPORT_OUT_OF_DATE_WINDOW' as const,
    message,
    evidence: [
      reportEvidence(report, `签发日期${issued ?? '—'}；收样日期${received ?? '—'}`, {
        field: 'dates.issued',
      }),
    ],
  }));
}

/** CLIENT_MISMATCH for a report that counts for neither side: borrowed, near-miss awaiting confirmation, or foreign. */
function clientMismatch(report: EngineReport, side: SideDecision): Issue {
  const r = report.extraction;
  const client = r.client ?? '—';
  const evidence = reportEvidence(report, `委托单位：${client}`, { field: 'client' });
  if (side.otherParty) {
    return {
      code: 'CLIENT_MISMATCH',
      message: `${reportLabel(r)}的委托单位“${client}”是另一登记单位“${side.otherParty}”，不能作为本合同的送检报告，该报告不计入任何一方的送检`,
      evidence: [evidence],
    };
  }
  if (side.near && r.client) {
    evidence.confirmClient = { client: r.client, party: side.near.party, role: side.near.role };
    return {
      code: 'CLIENT_MISMATCH',
      message: `${reportLabel(r)}的委托单位“${client}”与${side.near.role}“${side.near.party}”相近但不一致（相差${side.near.edits}个字，可能为识别误差），请核对原件后确认；确认前该报告不计入送检`,
      evidence: [evidence],
    };
  }
  return {
    code: 'CLIENT_MISMATCH',
    message: `${reportLabel(r)}的委托单位“${client}”既不是供应商，也不是学校或区教育主管部门，该报告不计入任何一方的送检`,
    evidence: [evidence],
  };
}

function groupIssues(issues: Issue[], registry: RuleRegistry): Finding[] {
  const byCode = new Map<FindingCode, Issue[]>();
  for (const i of issues) {
    const list = byCode.get(i.code) ?? [];
    list.push(i);
    byCode.set(i.code, list);
  }
  const findings: Finding[] = [];
  for (const [code, list] of byCode) {
    const w = registry.weights[code];
    const messages = [...new Set(list.map((i) => i.message))];
    findings.push({
      code,
      severity: w?.tier ?? 'low',
      weight: w?.weight ?? 0,
      message: `${messages.join('；')}。`,
      evidence: list.flatMap((i) => i.evidence),
    });
  }
  return findings.sort((a, b) => b.weight - a.weight || a.code.localeCompare(b.code));
}

/** Verifies one contract line. */
export function verifyLine(contract: EngineContract, line: EngineLine, ctx: VerifyContext): LineResult {
  const c = contract.extraction;
  const supplier = c.supplier.name ?? '';
  const purchaser = c.purchaser.name ?? '';
  const school = ctx.schools.get(normaliseName(purchaser));
  const facts = lineFacts(contract, line, ctx);
  const issues: Issue[] = [];
  const uses: LineReportUse[] = [];
  const guessed = new Set(line.guessedReportIds ?? []);
  const supplierReports: EngineReport[] = [];
  const purchaserReports: EngineReport[] = [];

  for (const reportId of line.reportIds) {
    const report = ctx.index.reports.get(reportId);
    if (!report) continue;
    const r = report.extraction;
    const side = decideSide(
      r.client,
      { supplier, supplierAliases: contract.supplierAliases, purchaser, purchaserAliases: school?.aliases },
      ctx.district,
      ctx.registered,
      line.confirmedClients?.[report.id],
    );
    uses.push({
      documentId: report.id,
      file: report.file,
      reportNumber: r.reportNumber,
      side: side.side,
      sideReason: side.reason,
      guessed: guessed.has(report.id),
    });
    if (side.side === 'supplier') supplierReports.push(report);
    if (side.side === 'purchaser') purchaserReports.push(report);
    if (side.side === 'other') {
      issues.push(clientMismatch(report, side));
    } else {
      issues.push(...dateWindowIssues(report, side.side, contract, ctx.policy, line.acceptedDate));
    }
    issues.push(
      ...checkItems(report, facts, ctx.registry),
      ...checkSuperseded(report, ctx.registry),
      ...checkRequiredStandards(report, facts, ctx.registry),
      ...checkRequiredItems(report, facts, ctx.registry),
      ...checkCma(report),
      ...checkProduct(report, facts, ctx.registry),
    );
    const dups = duplicatesOf(ctx.index, report);
    if (dups.length > 0) {
      const others = dups
        .map(
          (d) =>
            `${d.file}（${d.extraction.client ?? d.extraction.manufacturer ?? '—'}，${d.extraction.sample.model ?? d.extraction.sample.name ?? '—'}）`,
        )
        .join('、');
      issues.push({
        code: 'DUPLICATE_REPORT_NUMBER',
        message: `${r.lab.name ?? '同一检验机构'}的报告编号${r.reportNumber ?? ''}还出现在其他企业或产品的报告上：${others}，请核实报告真实性`,
        evidence: [
          reportEvidence(report, `报告编号：${r.reportNumber ?? ''}`, { field: 'reportNumber' }),
          ...dups.map((d) =>
            reportEvidence(d, `同号报告：${d.extraction.reportNumber ?? ''}`, { field: 'reportNumber' }),
          ),
        ],
      });
    }
  }

  const covering = line.reportIds
    .map((id) => ctx.index.reports.get(id))
    .filter((r): r is EngineReport => r !== undefined);
  const transition = checkStockTransition(covering, line.acceptedDate ?? c.deliveryDate, ctx.registry);
  issues.push(...transition.issues);
  const lineCcc = line.line.cccNumber ?? c.lines[line.lineNo - 1]?.cccNumber ?? null;
  const ccc = checkCcc(covering, { cccNumber: lineCcc }, facts, ctx.registry);
  if (ccc.length > 0 && ccc[0]!.evidence.length === 0) {
    ccc[0]!.evidence.push(contractEvidence(contract, `产品：${line.line.product}；3C证书编号：无`));
  }
  issues.push(...ccc);
  issues.push(
    ...checkSetPieces(
      line.line.product,
      facts.category,
      [...supplierReports, ...purchaserReports],
      ctx.registry.setLines,
    ),
  );
  const printedLine = { ...c.lines[line.lineNo - 1], ...line.line };
  issues.push(
    ...checkBatches(
      supplierReports,
      purchaserReports,
      {
        batch: printedLine.batch,
        productionDate: printedLine.productionDate,
        evidence: () =>
          contractEvidence(
            contract,
            `产品：${line.line.product}；生产日期/批号：${[printedLine.productionDate, printedLine.batch].filter(Boolean).join('，')}`,
          ),
      },
      facts.category,
      ctx.registry.perBatch,
    ),
  );

  if (supplierReports.length === 0) {
    issues.push({
      code: 'MISSING_SUPPLIER_REPORT',
      message: `未提交由供应商“${supplier}”委托的检验报告，无法证明该产品交货前已送检`,
      evidence: [contractEvidence(contract, `供应商：${supplier}`, 'supplier.name')],
    });
  }
  const arrived = line.acceptedDate ?? c.deliveryDate;
  const dueFrom = arrived ? addDays(arrived, ctx.policy.purchaserReportGraceDays) : null;
  if (
    ctx.policy.purchaserReportRequired &&
    purchaserReports.length === 0 &&
    (!dueFrom || ctx.asOf >= dueFrom)
  ) {
    issues.push({
      code: 'MISSING_PURCHASER_REPORT',
      message: `未提交由学校“${purchaser}”或区教育主管部门委托的到货抽样检验报告`,
      evidence: [
        contractEvidence(
          contract,
          `采购人：${purchaser}；交货日期：${c.deliveryDate ?? '—'}${line.acceptedDate ? `；验收日期：${line.acceptedDate}` : ''}`,
          'deliveryDate',
        ),
      ],
    });
  }
  if (c.supplier.uscc) {
    const check = usccCheck(c.supplier.uscc);
    if (check) {
      const why = { check_character: '校验码不正确', length: '位数不是18位', format: '含有不允许的字符' }[
        check.problem
      ];
      const hint =
        check.suggestions.length > 0 ? `，可能应为${check.suggestions.join('或')}，请与营业执照核对` : '';
      issues.push({
        code: 'INVALID_USCC',
        message: `合同中供应商的统一社会信用代码${c.supplier.uscc}未通过GB 32100-2015校验（${why}）${hint}`,
        evidence: [contractEvidence(contract, `统一社会信用代码：${c.supplier.uscc}`, 'supplier.uscc')],
      });
    }
  }

  const findings = groupIssues(issues, ctx.registry);
  return {
    lineId: line.id,
    contractId: contract.id,
    contractFile: contract.file,
    contractNumber: c.contractNumber,
    purchaser,
    supplier,
    supplierUscc: c.supplier.uscc,
    lineNo: line.lineNo,
    product: line.line.product,
    model: line.line.model,
    category: facts.category,
    compliant: findings.length === 0,
    findings,
    reports: uses,
    ...(transition.reviews.length > 0 ? { reviews: transition.reviews } : {}),
  };
}
