/**
 * Where shared/corpus/dev/scenario.json expects something a sourced registry rule contradicts (issue 10:
 * "the rule here wins"), the tests that compare the engine's output with the scenario apply these
 * updates explicitly. Each entry names the line, the codes the rule adds and the rule's source; the
 * corpus itself is to be updated by its owners.
 */
export interface ScenarioRuleUpdate {
  contractNumber: string;
  lineNo: number;
  add: string[];
  rule: string;
}

const UNKNOWN_LEVEL_RULE =
  'GB 31701-2015 第1章 范围（14岁及以下儿童）；学段不明（校名未写明高级中学/高中）时按从严原则视为14岁及以下';

export const SCENARIO_RULE_UPDATES: ScenarioRuleUpdate[] = [
  {
    // Both reports (ZH240650443, WT2024-2599) print 纤维含量 聚酯纤维/粘纤 with no cotton, 合格 overall.
    contractNumber: 'FXJC-2024-XF038',
    lineNo: 1,
    add: ['ITEM_FAILED', 'CONCLUSION_CONTRADICTS_ITEMS'],
    rule: 'GB/T 31888-2015 4.3: 校服直接接触皮肤的部分，其棉纤维含量标称值应不低于35%',
  },
  {
    // A kindergarten's bedding (3–6-year-olds) tested to GB 18401/GB 18383/GB/T 22796 without GB 31701.
    contractNumber: '金桥幼采〔2024〕3号',
    lineNo: 1,
    add: ['REQUIRED_STANDARD_MISSING'],
    rule: 'GB 31701-2015 第1章 范围: 14岁及以下儿童使用的纺织产品（含床上用品）应同时符合GB 18401和GB 31701',
  },
  // 江州市涪溪中学校: the name (中学校) does not prove a senior school; a folder gives no other level,
  // so the school is treated as teaching pupils ≤14 and GB 31701 (with 绳带, 附件锐利性) applies.
  {
    // school-side XN-FZ2024-7402 cites GB/T 31888 + GB 18401 only and prints neither 绳带 nor 附件.
    contractNumber: 'FXJC-2024-XF056',
    lineNo: 1,
    add: ['REQUIRED_ITEM_MISSING', 'REQUIRED_STANDARD_MISSING'],
    rule: UNKNOWN_LEVEL_RULE,
  },
  ...([1, 2] as const).map((lineNo) => ({
    // bedding reports cite GB/T 22796 + GB 18401 (+ GB 18383) without GB 31701
    contractNumber: 'FXJC-2024-BR032',
    lineNo,
    add: ['REQUIRED_STANDARD_MISSING'],
    rule: UNKNOWN_LEVEL_RULE,
  })),
  {
    // 本批次: the school's sampling report (2024)江纤检字第W62068号 prints 批号 P243029, the supplier's
    // XN-FZ2024-6573 prints P242566 (both batch codes, in the documents themselves): the supplier's
    // report is for another batch. (Lines where one side prints a production month such as 2024-07批 and
    // the other a code such as P245937 are not comparable and keep their findings.)
    contractNumber: 'FXJC-2024-BR032',
    lineNo: 1,
    add: ['PRODUCT_MISMATCH'],
    rule: '教基一〔2015〕3号：本批次成衣质量检验合格报告；总局令第119号：每一批次产品经检验合格后方可交付',
  },
  ...(['JZCG2024-4851', '桂湖小采〔2024〕8号'] as const).map((contractNumber) => ({
    // A set line (夏季校服（短袖POLO衫+短裤/短裙）) whose two reports (supplier ZH240311313 and the school's)
    // both name their sample 学生夏装（短袖POLO衫）: the shorts and skirts were never tested.
    contractNumber,
    lineNo: 1,
    add: ['PRODUCT_MISMATCH'],
    rule: '教基一〔2015〕3号：本批次成衣质量检验合格报告——套装的每一件成衣均须经检验',
  })),
  ...(
    [
      ['FXJC-2024-WJ057', 1],
      ['FXJC-2024-WJ057', 2],
      ['金桥幼采〔2024〕14号', 1],
      ['金桥幼采〔2024〕14号', 2],
    ] as const
  ).map(([contractNumber, lineNo]) => ({
    // No toy report or contract of the corpus shows a 3C certificate number.
    contractNumber,
    lineNo,
    add: ['NO_CCC'],
    rule: '《强制性产品认证管理规定》（质检总局令第117号）第二条；强制性产品认证目录 玩具类（塑胶玩具）',
  })),
];

/** The scenario's expected codes for a line with the rule updates applied (sorted). */
export function expectedLineFindings(contractNumber: string, lineNo: number, scenario: string[]): string[] {
  const extra = SCENARIO_RULE_UPDATES.filter(
    (u) => u.contractNumber === contractNumber && u.lineNo === lineNo,
  ).flatMap((u) => u.add);
  return [...new Set([...scenario, ...extra])].sort();
}

interface ListEntry {
  supplier: string;
  uscc?: string | null;
  schools?: string[];
  contracts?: string[];
  reasons?: string[];
  severity?: string;
  score?: number;
  maxWeight?: number;
}

/**
 * Suppliers scenario.json leaves off the list because all their lines are compliant. The list holds
 * EVERY supplier of centrally purchased goods (issue 10 point 7; 教基一〔2015〕3号: 教育行政部门定期向所在地
 * 质监部门通报校服供货企业名单; 2024 儿童和学生用品安全守护行动: 市场监管部门根据供货企业名单开展监督抽查和风险监测):
 * they come last, risk low, no reason code (列入原因 集中采购供货企业（依通知要求报送）).
 */
export const LISTED_WITHOUT_FINDINGS: Required<ListEntry>[] = [
  {
    supplier: '江州锦程服饰有限公司',
    uscc: '91500117221931482T',
    reasons: [],
    severity: 'low',
    score: 0,
    maxWeight: 0,
    schools: ['江州市涪溪区实验小学', '江州市涪溪区桂湖小学'],
    contracts: ['JZCG2024-4851', '桂湖小采〔2024〕8号'],
  },
];

/**
 * The scenario's sampling list with the updates' effect, then LISTED_WITHOUT_FINDINGS. Ranking
 * supplier-side failures above school-side gaps changes no place here: the one school-side gap,
 * 宏泰's MISSING_PURCHASER_REPORT (40), is not what puts it first. 汕头市澄海区宏泰玩具实业有限公司 gains NO_CCC on
 * its four toy lines (48 each → score 382) and ranks first; 江州优佳服装贸易有限公司 gains ITEM_FAILED (100)
 * and CONCLUSION_CONTRADICTS_ITEMS (90) on XF038 (max weight 100, score 290 > 博雅's 232) and ranks
 * second; 成都蓉华制衣有限公司 gains REQUIRED_ITEM_MISSING (22) and REQUIRED_STANDARD_MISSING (20) on XF056
 * (score 237 > 博雅's 232, third); 江州童乐服饰家纺有限公司 gains REQUIRED_STANDARD_MISSING on three lines
 * (3 × 20) and PRODUCT_MISMATCH (60, another batch) on BR032.1 → score 355. 江州锦程服饰有限公司, all
 * compliant in scenario.json, gains PRODUCT_MISMATCH (60) on its two POLO-only set lines → score 120,
 * medium, still last (max weight 60 like 童乐, lower score).
 */
export function expectedSamplingList<T extends ListEntry>(list: T[]): T[] {
  const changes: Record<string, Partial<ListEntry>> = {
    江州锦程服饰有限公司: { reasons: ['PRODUCT_MISMATCH'], score: 120, maxWeight: 60, severity: 'medium' },
    江州优佳服装贸易有限公司: {
      reasons: ['ITEM_FAILED', 'CONCLUSION_CONTRADICTS_ITEMS', 'DUPLICATE_REPORT_NUMBER', 'INVALID_USCC'],
      score: 290,
      maxWeight: 100,
      severity: 'high',
    },
    汕头市澄海区宏泰玩具实业有限公司: {
      reasons: ['ITEM_FAILED', 'NO_CMA', 'NO_CCC', 'MISSING_PURCHASER_REPORT'],
      score: 382,
    },
    成都蓉华制衣有限公司: {
      reasons: [
        'ITEM_FAILED',
        'DUPLICATE_REPORT_NUMBER',
        'STANDARD_SUPERSEDED',
        'REQUIRED_ITEM_MISSING',
        'REQUIRED_STANDARD_MISSING',
      ],
      score: 237,
    },
    江州童乐服饰家纺有限公司: {
      reasons: [
        'PRODUCT_MISMATCH',
        'CLIENT_MISMATCH',
        'MISSING_SUPPLIER_REPORT',
        'REPORT_OUT_OF_DATE_WINDOW',
        'REQUIRED_STANDARD_MISSING',
      ],
      score: 355,
    },
  };
  const order = [
    '汕头市澄海区宏泰玩具实业有限公司',
    '江州优佳服装贸易有限公司',
    '成都蓉华制衣有限公司',
    '江州市博雅学生服装有限公司',
    '江州童乐服饰家纺有限公司',
    ...LISTED_WITHOUT_FINDINGS.map((e) => e.supplier),
  ];
  const ranked = list.some((e) => 'rank' in e);
  const rankOf = (e: T) => (order.includes(e.supplier) ? order.indexOf(e.supplier) : order.length);
  return [...list, ...(LISTED_WITHOUT_FINDINGS as unknown as T[])]
    .map((e) => ({ ...e, ...(changes[e.supplier] ?? {}) }))
    .sort((a, b) => rankOf(a) - rankOf(b))
    .map((e, i) => (ranked ? { ...e, rank: i + 1 } : e));
}
