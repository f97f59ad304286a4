/**
 * Builders for verification data (suppliers, contracts, lines, reports, findings) without OCR —
 * plus `seedDevDistrict`, the development district of shared/corpus/dev/MANIFEST.md with its
 * expected findings, for the sampling-list ordering tests. Suppliers, contracts and reports are
 * stored through the writer intake uses (storeExtractedDocument, then models/document-rows'
 * upsertContract / replaceTestReport, suppliers by matchOrCreateSupplier), so tests read the rows
 * intake would have written for such a document.
 */
import { createHash, randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../server/context';
import { contractLines, contracts, documents, findings, testReports } from '../../models/schema';
import { matchOrCreateSupplier } from '../../models/contract.repository';
import { replaceTestReport, upsertContract } from '../../models/document-rows.repository';
import { linkReportToLine, storeExtractedDocument } from '../../models/report.repository';
import type { ContractExtraction, Extraction, TestReportExtraction } from '../../parsers/types';
import { registryByVersion } from '../../server/verify/registry/registry';
import type { School } from '../../models/district.repository';
import { buildSchool } from './test-app';

type Category = 'school_uniform' | 'kindergarten_garment' | 'plastic_toy' | 'bedding';
let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A supplier by the one identity rule (USCC, then name or alias), created when unknown. */
export async function buildSupplier(ctx: AppContext, o: { name?: string; uscc?: string | null } = {}) {
  const row = await matchOrCreateSupplier(ctx.db, {
    name: o.name ?? `测试服饰有限公司${uniq()}`,
    uscc: o.uscc ?? null,
  });
  return row!;
}

/** Stores an extracted document (a fresh content hash, as an upload of its own) and returns its id. */
function storeDocument(ctx: AppContext, schoolId: string, originalName: string, extraction: Extraction) {
  return storeExtractedDocument(ctx.db, {
    schoolId,
    originalName,
    sha256: createHash('sha256').update(randomUUID()).digest('hex'),
    size: 1000,
    mime: 'application/pdf',
    extraction,
  });
}

export interface LineSpec {
  product?: string;
  model?: string | null;
  category?: Category;
}

/** A contract document and its rows, stored as intake stores an extracted contract. */
export async function buildContract(
  ctx: AppContext,
  o: {
    schoolId?: string;
    districtId?: string;
    supplier?: { id: string; name: string; uscc: string | null };
    contractNumber?: string | null;
    signedDate?: string;
    deliveryDate?: string;
    lines?: LineSpec[];
  } = {},
) {
  const schoolId = o.schoolId ?? (await buildSchool(ctx, { districtId: o.districtId })).id;
  const supplier = o.supplier ?? (await buildSupplier(ctx));
  const contractNumber = o.contractNumber === undefined ? `HT-${uniq()}` : o.contractNumber;
  const extraction: ContractExtraction = {
    kind: 'contract',
    contractNumber,
    purchaser: { name: null },
    supplier: { name: supplier.name, uscc: supplier.uscc },
    signedDate: o.signedDate ?? '2024-06-01',
    deliveryDate: o.deliveryDate ?? '2024-07-01',
    lines: (o.lines ?? [{}]).map((l) => ({
      product: l.product ?? '夏季校服（短袖POLO衫+短裤）',
      model: l.model === undefined ? `M-${uniq()}` : l.model,
      category: l.category ?? 'school_uniform',
      quantity: null,
      unit: null,
      unitPrice: null,
      amount: null,
    })),
    totalAmount: null,
    standards: [],
    pages: 1,
  };
  const documentId = await storeDocument(ctx, schoolId, `${contractNumber ?? 'contract'}.pdf`, extraction);
  const stored = await upsertContract(ctx.db, documentId, schoolId, extraction);
  const [contract] = await ctx.db.select().from(contracts).where(eq(contracts.id, stored.id));
  const lines = await ctx.db
    .select()
    .from(contractLines)
    .where(eq(contractLines.contractId, stored.id))
    .orderBy(asc(contractLines.lineNo));
  return { contract: contract!, lines, supplier, schoolId };
}

export interface ReportSpec {
  schoolId: string;
  reportNumber?: string;
  client?: string;
  labName?: string;
  batch?: string | null;
  trademark?: string | null;
  sampleName?: string;
  sampleModel?: string | null;
  issuedDate?: string;
  conclusion?: 'pass' | 'fail';
}

/** A stored test report (blob + document + test_reports row), stored as intake stores an extracted report. */
export async function buildReport(ctx: AppContext, o: ReportSpec) {
  const reportNumber = o.reportNumber ?? `R-${uniq()}`;
  const extraction: TestReportExtraction = {
    kind: 'test_report',
    reportNumber,
    lab: { name: o.labName ?? '江州市纤维织品检验所', cmaNumber: '190022340213', cnasNumber: null },
    sample: {
      name: o.sampleName ?? '校服',
      model: o.sampleModel ?? null,
      trademark: o.trademark ?? null,
      batch: o.batch ?? null,
      safetyClass: null,
    },
    client: o.client ?? null,
    manufacturer: null,
    inspectionType: 'commissioned',
    dates: { received: null, tested: null, issued: o.issuedDate ?? '2024-06-20' },
    standards: ['GB/T 31888-2015', 'GB 18401-2010'],
    items: [],
    conclusion: o.conclusion ?? 'pass',
    pages: 1,
  };
  const documentId = await storeDocument(ctx, o.schoolId, `${reportNumber}.pdf`, extraction);
  const reportId = await replaceTestReport(ctx.db, documentId, extraction);
  const [doc] = await ctx.db.select().from(documents).where(eq(documents.id, documentId));
  const [report] = await ctx.db.select().from(testReports).where(eq(testReports.id, reportId));
  return { document: doc!, report: report! };
}

export async function linkReport(ctx: AppContext, lineId: string, documentId: string) {
  await linkReportToLine(ctx.db, { lineId, documentId, source: 'school' });
}

/**
 * A finding as the verification use case stores it (severity from the registry). Written directly:
 * the engine would need complete documents (item tables, printed standards, dates) to reach exactly
 * this code on this line, and the tests that call this need a given finding state (ranking, exports,
 * notices, tenancy) rather than the engine's judgement, which test/verify and
 * test/district/verified-corpus.test.ts cover.
 */
export async function buildFinding(
  ctx: AppContext,
  o: { lineId: string; code: string; message?: string; registryVersion?: string; evidence?: unknown[] },
) {
  const version = o.registryVersion ?? '2024.1';
  const reg = registryByVersion(version);
  const tier = (reg?.weights as Record<string, { tier: string }> | undefined)?.[o.code]?.tier ?? 'low';
  const [row] = await ctx.db
    .insert(findings)
    .values({
      lineId: o.lineId,
      code: o.code,
      severity: tier,
      message: o.message ?? `测试问题 ${o.code}`,
      evidence: o.evidence ?? [],
      registryVersion: version,
    })
    .returning();
  return row!;
}

// ---------------------------------------------------------------------------------------------
// The development district (shared/corpus/dev/MANIFEST.md)

const DEV_SCHOOLS = {
  S0: ['江州市涪溪区实验小学', 'primary'],
  S1: ['江州市涪溪区桂湖小学', 'primary'],
  S2: ['江州市涪溪区书院路小学', 'primary'],
  J0: ['江州市涪溪区新城初级中学', 'junior'],
  J1: ['江州市涪溪区鹤鸣初级中学', 'junior'],
  H0: ['江州市涪溪中学校', 'senior'],
  K0: ['江州市涪溪区机关幼儿园', 'kindergarten'],
  K1: ['江州市涪溪区金桥幼儿园', 'kindergarten'],
} as const;

const DEV_SUPPLIERS = {
  U1: ['江州锦程服饰有限公司', '91500117221931482T'],
  U2: ['成都蓉华制衣有限公司', '915101247746189129'],
  U3: ['江州市博雅学生服装有限公司', '915001177C1905906E'],
  G1: ['江州童乐服饰家纺有限公司', '915001120821680250'],
  T1: ['汕头市澄海区宏泰玩具实业有限公司', '91440515NA3965071M'],
  X: ['江州优佳服装贸易有限公司', '91500117D5588424X0'],
} as const;

type DevLine = [
  product: string,
  model: string,
  category: Category,
  supplierReport: string | null,
  purchaserReport: string | null,
  findings: string[],
];
type DevContract = [
  number: string,
  school: keyof typeof DEV_SCHOOLS,
  supplier: keyof typeof DEV_SUPPLIERS,
  signed: string,
  delivery: string,
  lines: DevLine[],
];

const SU = 'school_uniform';
const KG = 'kindergarten_garment';
const PT = 'plastic_toy';
const BD = 'bedding';

/** Contracts in MANIFEST order, each line with its (supplier, purchaser) report numbers and expected findings. */
const DEV_CONTRACTS: DevContract[] = [
  [
    'JZCG2024-4851',
    'S0',
    'U1',
    '2024-07-17',
    '2024-08-21',
    [
      ['夏季校服（短袖POLO衫+短裤/短裙）', 'JC24-X15', SU, 'ZH240311313', 'HBT24-662290-TX', []],
      ['冬季校服（防寒棉服外套）', 'JC24-D07', SU, 'QT2024W92700', 'QT2024W08206', []],
    ],
  ],
  [
    '桂湖小采〔2024〕8号',
    'S1',
    'U1',
    '2024-04-15',
    '2024-05-27',
    [
      ['夏季校服（短袖POLO衫+短裤/短裙）', 'JC24-X15', SU, 'ZH240311313', 'QT2024W57002', []],
      ['学生运动服（针织运动套装）', 'JC24-Y29', SU, 'WT2024-8570', '(2024)江纤检字第W51533号', []],
    ],
  ],
  [
    'FXJC-2024-XF025',
    'J0',
    'U2',
    '2024-05-28',
    '2024-07-11',
    [
      [
        '夏季校服（短袖POLO衫+短裤/短裙）',
        'RH24-X31',
        SU,
        '(2024)江纤检字第W26339号',
        'WT2024-8361',
        ['ITEM_FAILED'],
      ],
      [
        '冬季校服（防寒棉服外套）',
        'RH24-D24',
        SU,
        'HBT24-895760-TX',
        'XN-FZ2024-6431',
        ['DUPLICATE_REPORT_NUMBER'],
      ],
    ],
  ],
  [
    'FXJC-2024-XF056',
    'H0',
    'U2',
    '2024-07-04',
    '2024-07-26',
    [
      [
        '学生运动服（针织运动套装）',
        'RH24-Y35',
        SU,
        '(2024)江纤检字第W47796号',
        'XN-FZ2024-7402',
        ['STANDARD_SUPERSEDED'],
      ],
    ],
  ],
  [
    'JZCG2024-4740',
    'S2',
    'U3',
    '2024-06-26',
    '2024-07-22',
    [
      [
        '夏季校服（短袖POLO衫+短裤/短裙）',
        'BY24-X24',
        SU,
        'WT2024-2281',
        'ZH240898967',
        ['ITEM_FAILED', 'CONCLUSION_CONTRADICTS_ITEMS'],
      ],
      ['冬季校服（防寒棉服外套）', 'BY24-D10', SU, 'WT2024-8151', 'QT2024W75034', ['REQUIRED_ITEM_MISSING']],
      [
        '春秋季校服（运动上衣+运动长裤）',
        'BY24-C11',
        SU,
        '(2024)江纤检字第W37226号',
        '(2024)江纤检字第W46268号',
        [],
      ],
    ],
  ],
  [
    'JZCG2024-5934',
    'J1',
    'U3',
    '2024-07-02',
    '2024-07-23',
    [
      [
        '冬季校服（防寒棉服外套）',
        'BY24-D10',
        SU,
        'QT2024W06984',
        'ZH240745304',
        ['REQUIRED_STANDARD_MISSING'],
      ],
    ],
  ],
  [
    '机关幼采〔2024〕30号',
    'K0',
    'G1',
    '2024-07-04',
    '2024-07-29',
    [
      ['幼儿园夏季园服（短袖T恤+短裤）', 'TL24-YX16', KG, 'ZH240773151', 'ZH240815836', ['PRODUCT_MISMATCH']],
      ['幼儿园冬季园服（连帽棉服）', 'TL24-YD18', KG, 'HBT24-932073-TX', 'XN-FZ2024-0905', []],
    ],
  ],
  [
    'FXJC-2024-WJ057',
    'K0',
    'T1',
    '2024-06-24',
    '2024-07-24',
    [
      ['大颗粒塑料拼插积木（桶装）', 'HT-8767', PT, 'HBT24-428432-TY', 'WT2024-5438', ['ITEM_FAILED']],
      ['儿童塑料滑行车', 'HT-6592', PT, 'HX-245639', 'WT2024-1881', ['NO_CMA']],
    ],
  ],
  [
    '金桥幼采〔2024〕14号',
    'K1',
    'T1',
    '2024-03-25',
    '2024-05-13',
    [
      ['百变雪花片拼插玩具（塑料）', 'HT-1302', PT, 'HBT24-289840-TY', null, ['MISSING_PURCHASER_REPORT']],
      ['仿真过家家厨房玩具套装', 'HT-8682', PT, 'HBT24-259978-TY', 'WT2024-2303', []],
    ],
  ],
  [
    'JZCG2024-8299',
    'K1',
    'G1',
    '2024-04-29',
    '2024-06-17',
    [
      [
        '幼儿园春秋园服（卫衣+长裤）',
        'TL24-YC14',
        KG,
        '(2023)江纤检字第W44128号',
        'HBT24-294391-TX',
        ['REPORT_OUT_OF_DATE_WINDOW'],
      ],
    ],
  ],
  [
    '金桥幼采〔2024〕3号',
    'K1',
    'G1',
    '2024-07-24',
    '2024-08-19',
    [['幼儿园午休被褥（被子+褥子）', 'TL-YB784', BD, null, 'QT2024W67268', ['MISSING_SUPPLIER_REPORT']]],
  ],
  [
    'FXJC-2024-BR032',
    'H0',
    'G1',
    '2024-04-26',
    '2024-05-17',
    [
      [
        '学生棉被（150cm×200cm，2.0kg）',
        'TL-BZ621',
        BD,
        'XN-FZ2024-6573',
        '(2024)江纤检字第W62068号',
        ['REPORT_OUT_OF_DATE_WINDOW'],
      ],
      [
        '学生床上用品三件套（床单、被套、枕套）',
        'TL-SJ735',
        BD,
        '(2024)江纤检字第W73198号',
        '(2024)江纤检字第W71844号',
        ['CLIENT_MISMATCH', 'MISSING_SUPPLIER_REPORT'],
      ],
    ],
  ],
  [
    'FXJC-2024-XF038',
    'J0',
    'X',
    '2024-07-09',
    '2024-08-07',
    [['学生礼服（西装套装含衬衫）', 'YJ24-L32', SU, 'ZH240650443', 'WT2024-2599', ['INVALID_USCC']]],
  ],
  [
    'JZCG2024-5404',
    'S0',
    'X',
    '2024-07-22',
    '2024-09-09',
    [
      [
        '春秋季校服（运动上衣+运动长裤）',
        'YJ24-C30',
        SU,
        'HBT24-895760-TX',
        'HBT24-337042-TX',
        ['DUPLICATE_REPORT_NUMBER', 'INVALID_USCC'],
      ],
    ],
  ],
];

export interface DevDistrict {
  schools: Record<keyof typeof DEV_SCHOOLS, School>;
  suppliers: Record<keyof typeof DEV_SUPPLIERS, { id: string; name: string; uscc: string | null }>;
  /** line id by `${contractNumber}#${lineNo}` */
  lines: Map<string, string>;
}

/**
 * Seeds the development district into `districtId`: 8 schools, 6 suppliers, 14 contracts, 23 lines,
 * their reports and the MANIFEST's expected findings. Suppliers are global (one identity by USCC):
 * a second district seeded in the same database shares them.
 */
export async function seedDevDistrict(ctx: AppContext, districtId: string): Promise<DevDistrict> {
  const schools = {} as DevDistrict['schools'];
  for (const [key, [name, kind]] of Object.entries(DEV_SCHOOLS)) {
    schools[key as keyof typeof DEV_SCHOOLS] = await buildSchool(ctx, { districtId, name, kind });
  }
  const sups = {} as DevDistrict['suppliers'];
  for (const [key, [name, uscc]] of Object.entries(DEV_SUPPLIERS)) {
    sups[key as keyof typeof DEV_SUPPLIERS] = await buildSupplier(ctx, { name, uscc });
  }
  const lines = new Map<string, string>();
  for (const [number, schoolKey, supplierKey, signed, delivery, specs] of DEV_CONTRACTS) {
    const school = schools[schoolKey];
    const supplier = sups[supplierKey];
    const { lines: rows } = await buildContract(ctx, {
      schoolId: school.id,
      supplier,
      contractNumber: number,
      signedDate: signed,
      deliveryDate: delivery,
      lines: specs.map(([product, model, category]) => ({ product, model, category })),
    });
    for (const [i, [, model, , supplierReport, purchaserReport, codes]] of specs.entries()) {
      const line = rows[i]!;
      lines.set(`${number}#${i + 1}`, line.id);
      if (supplierReport) {
        const r = await buildReport(ctx, {
          schoolId: school.id,
          reportNumber: supplierReport,
          client: supplier.name,
          sampleModel: model,
          batch: `${model}-2024A`,
        });
        await linkReport(ctx, line.id, r.document.id);
      }
      if (purchaserReport) {
        const r = await buildReport(ctx, {
          schoolId: school.id,
          reportNumber: purchaserReport,
          client: school.name,
          sampleModel: model,
          batch: `${model}-2024A`,
        });
        await linkReport(ctx, line.id, r.document.id);
      }
      for (const code of codes) await buildFinding(ctx, { lineId: line.id, code });
    }
  }
  return { schools, suppliers: sups, lines };
}

/**
 * The MANIFEST's sampling list order (supplier names), then the supplier whose lines are
 * all compliant: the list holds every supplier of the district (issue 10 point 7,
 * test/helpers/scenario-rule-updates.ts LISTED_WITHOUT_FINDINGS).
 */
export const DEV_EXPECTED_ORDER = [
  '江州市博雅学生服装有限公司',
  '成都蓉华制衣有限公司',
  '汕头市澄海区宏泰玩具实业有限公司',
  '江州优佳服装贸易有限公司',
  '江州童乐服饰家纺有限公司',
  '江州锦程服饰有限公司',
];
