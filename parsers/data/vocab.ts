/**
 * Domain vocabularies used to read and correct report and contract text (also OCR text).
 * Kept as data so that new labs and products need data changes, not code changes.
 */
import type { ProductCategory } from '../types';

/** Printed single-item verdicts → normalised verdict. Compared after removing spaces. */
export const VERDICT_WORDS: Record<string, 'pass' | 'fail' | 'n/a'> = {
  合格: 'pass',
  符合: 'pass',
  P: 'pass',
  Pass: 'pass',
  PASS: 'pass',
  '√': 'pass',
  '✓': 'pass',
  '✔': 'pass',
  不合格: 'fail',
  不符合: 'fail',
  F: 'fail',
  Fail: 'fail',
  FAIL: 'fail',
  '×': 'fail',
  '✗': 'fail',
  '✘': 'fail',
  '—': 'n/a',
  '——': 'n/a',
  '―': 'n/a',
  '-': 'n/a',
  '--': 'n/a',
  '－': 'n/a',
  '/': 'n/a',
  'N/A': 'n/a',
  NA: 'n/a',
  不适用: 'n/a',
  不判定: 'n/a',
  不作判定: 'n/a',
  '/ ': 'n/a',
};

/** Check marks printed for a verdict (√ ✓ ✔ × ✗ ✘): one sign, no letter, that VERDICT_WORDS reads as pass or fail. */
export const CHECK_MARKS: ReadonlySet<string> = new Set(
  Object.entries(VERDICT_WORDS)
    .filter(([w, v]) => [...w].length === 1 && !/[A-Za-z]/.test(w) && v !== 'n/a')
    .map(([w]) => w),
);

/**
 * How PP-OCRv4 misreads a check mark standing alone in a cell: a scanned √ comes out as "<", "V" or
 * ">", a scanned × as "x", or as "+" when the page is slightly turned (the harness's √/× scans,
 * bench/layouts, OCR cached by bench/extract-diff);
 * a P/F mark's P comes out as "p" (the harness's P/F scans, a seal's red over the column).
 * Only a whole cell of an OCR'd table's verdict column is read this way: elsewhere "<" and "x" are
 * values (a limit's sign, a multiplication).
 */
export const VERDICT_MARK_OCR_FIXES: Record<string, string> = {
  '<': '√',
  '＜': '√',
  '>': '√',
  V: '√',
  v: '√',
  x: '×',
  X: '×',
  '+': '×',
  '＋': '×',
  p: 'P',
};

/** Units printed in item tables. `—`/`/` mean "no unit". */
export const UNITS: readonly string[] = [
  'mg/kg', 'mg/L', 'μg/g', 'ug/g', '%', '级', 'N', 'mm', 'cm', 'mm/s', 'g', 'kg', 'g/m²', 'g/m2', 'CFU/g', 'cfu/g',
  'dB', 'μm', 'um', 'mN', 'kPa', 'cN', 'h', 's', 'min', 'ppm', 'MPa', 'J', 'm', '°C', '根/10cm', '个', '处', '次',
];
export const NO_UNIT: readonly string[] = ['—', '——', '―', '-', '－', '/', '／', ''];

/** OCR misreadings of units → the unit. */
export const UNIT_OCR_FIXES: Record<string, string> = {
  mgAkg: 'mg/kg',
  'mg／kg': 'mg/kg',
  mgkg: 'mg/kg',
  'mg/ kg': 'mg/kg',
  'mg /kg': 'mg/kg',
  'mg/Kg': 'mg/kg',
  mglkg: 'mg/kg',
  'mg|kg': 'mg/kg',
  CFUg: 'CFU/g',
  'CFU／g': 'CFU/g',
};

/**
 * Sub-item words: when printed as their own cell/row under a parent item, the item name is
 * `parent + " " + sub` (corpus truth convention).
 */
export const SUB_ITEM_WORDS: readonly string[] = [
  '变色', '沾色', '经向', '纬向', '直向', '横向', '干摩', '湿摩', '干摩擦', '湿摩擦', '长度方向', '宽度方向',
  '面料', '里料', '罗纹', '填充物', '上衣', '裤子', '裙子', '外层', '内层',
];
/**
 * Sub-item words that stand for one kind of split of an item; one item's sub-items are of one kind. The
 * grey-scale assessments of a colour fastness (GB/T 250 变色, GB/T 251 沾色: GB/T 3921, 3922, 5713
 * report both); the rubbing of GB/T 3920 (干摩擦, 湿摩擦); the fabric's directions of GB/T 3923.1 (经向,
 * 纬向) and GB/T 8628/8630 (直向, 横向, 长度方向, 宽度方向). The parts a garment is tested in (面料, 上衣 …)
 * may split any item and are in no kind.
 */
export const SUB_ITEM_KINDS: readonly (readonly string[])[] = [
  ['变色', '沾色'],
  ['干摩', '湿摩', '干摩擦', '湿摩擦'],
  ['经向', '纬向', '直向', '横向', '长度方向', '宽度方向'],
];
/** The microbes tested as sub-items of 微生物 (the hygiene indicators of GB 18383 絮用纤维制品). */
export const MICROBE_NAMES: readonly string[] = [
  '细菌菌落总数', '大肠菌群', '致病性化脓菌', '真菌菌落总数', '金黄色葡萄球菌', '溶血性链球菌', '绿脓杆菌',
];
/** Sub-item patterns: chemical elements like 铅(Pb), phthalate groups, microbes. */
export const SUB_ITEM_PATTERNS: readonly RegExp[] = [
  /^[\u4e00-\u9fa5]{1,2}[（(][A-Z][a-z]?[)）]$/,
  /^(?:DBP|BBP|DEHP|DINP|DIDP|DNOP)(?:\+(?:DBP|BBP|DEHP|DINP|DIDP|DNOP))*$/,
  new RegExp(`^(?:${MICROBE_NAMES.join('|')})$`),
];

/**
 * Chinese names of the elements tested as sub-items ("铅(Pb)"), by symbol: the migratable elements of
 * GB 6675.4-2014 (toys) and GB 21027 / GB 28480 school supplies, the extractable heavy metals of
 * GB/T 17593 (textiles). OCR misreads a rare element character ("镐(Cd)") but not its symbol.
 */
export const ELEMENT_NAMES: Record<string, string> = {
  Sb: '锑',
  As: '砷',
  Ba: '钡',
  Cd: '镉',
  Cr: '铬',
  Pb: '铅',
  Hg: '汞',
  Se: '硒',
  Cu: '铜',
  Ni: '镍',
  Co: '钴',
};

/** Known item names (used to repair OCR spacing and recognise names without tabs). */
export const KNOWN_ITEMS: readonly string[] = [
  '甲醛含量', '甲醛', 'pH值', 'pH', '可分解致癌芳香胺染料', '可分解致癌芳香胺', '异味', '耐水色牢度', '耐汗渍色牢度',
  '耐干摩擦色牢度', '耐湿摩擦色牢度', '耐摩擦色牢度', '耐皂洗色牢度', '耐光色牢度', '耐唾液色牢度', '耐洗色牢度',
  '绳带要求', '附件抗拉强力', '锐利尖端和锐利边缘', '锐利尖端', '锐利边缘', '纤维含量', '起毛起球', '顶破强力',
  '断裂强力', '撕破强力', '水洗尺寸变化率', '燃烧性能', '使用说明', '标识和使用说明', '小零件',
  '可预见的合理滥用测试', '包装塑料袋厚度', '易燃性能', '可迁移元素', '邻苯二甲酸酯', '填充物质量偏差率',
  '絮用纤维原料', '异物', '微生物', '接缝强力', '缝子纰裂程度', '耐光汗复合色牢度', '外观质量', '规格尺寸偏差',
  '含绒量', '充绒量', '蓬松度', '透气率', '耐热压色牢度', '重金属',
];

/** Standard-number prefixes accepted by the standard-number parser. */
export const STANDARD_PREFIXES: readonly string[] = [
  'GB/T', 'GB/Z', 'GB', 'FZ/T', 'FZ', 'QB/T', 'QB', 'SN/T', 'HG/T', 'YY/T', 'YY', 'WS/T', 'JG/T', 'BB/T', 'CNS',
  'T/CNTAC', 'T/CTAES', 'T/CTCA', 'T/CSTM', 'ISO', 'EN', 'ASTM', 'IEC',
];

/** Words that make an organisation name a test lab (used to tell the lab from client/manufacturer). */
export const LAB_WORDS: readonly string[] = ['检验', '检测', '质检', '测试', '试验', '计量', '认证', '质量监督', '标准化研究'];
/** Organisation-name endings. */
export const ORG_SUFFIXES: readonly string[] = [
  '有限责任公司', '股份有限公司', '有限公司', '公司', '检验所', '检测所', '研究院', '检验院', '检测院', '研究所',
  '检验中心', '检测中心', '中心', '服务部', '检验站', '检测站', '质检站', '实验室', '局',
];

/** Inspection type: first matching pattern wins (sampling before commissioned: 委托抽样检验 is sampling). */
export const INSPECTION_TYPES: readonly { pattern: RegExp; value: 'commissioned' | 'sampling' | 'supervision' }[] = [
  { pattern: /监督|Supervis/i, value: 'supervision' },
  { pattern: /抽样|抽检|抽查|Sampling/i, value: 'sampling' },
  { pattern: /委托|送样|送检|来样|Commission|Entrust/i, value: 'commissioned' },
];

/**
 * Conclusion wording. English verdicts are also found as a word in capitals run into the words beside
 * it ("The submitted samplePASSthe requirements": OCR drops the spaces of a photographed sentence).
 */
export const CONCLUSION_FAIL = /不合格|不符合|不满足|未达到|不通过|\b[Ff][Aa][Ii][Ll]|(?<![A-Z])FAIL(?![A-Z])/;
export const CONCLUSION_PASS = /合格|符合|满足|通过|\b[Pp][Aa][Ss][Ss]|(?<![A-Z])PASS(?![A-Z])/;
/** A lab's seal's wording, fixed by the 检验检测机构资质认定 marking rules (检验检测专用章). */
export const SEAL_WORDING = '检验检测专用章';
/**
 * The text of a lab's seal as OCR reads it where the seal stands over a table (its characters partly
 * lost: 验检测专用章): a segment of it alone is no cell of the table.
 */
export const SEAL_TEXT = /^[（(]?\s*(?:检?验?检测专用章|检验专用章|检测专用章)\s*[)）]?$/;
/**
 * A piece of the seal's wording OCR read apart from the rest of it (the seal's arc cuts its characters
 * into runs: 检验检 | 测专用章): three characters in a row of 检验检测专用章 that no table cell prints.
 */
export const SEAL_FRAGMENT = /^(?:检验检|验检测专?用?章?|检测专用?章?|测专用章?|专用章)$/;
/** Lines that never continue the conclusion sentence: stamps, signatures, notes, the verdict legend. */
export const CONCLUSION_NOT_CONTINUATION: readonly RegExp[] = [
  /^[（(]?\s*(?:检验检测专用章|检测专用章|检验专用章|盖章)/,
  /^(?:批\s*准|审\s*核|主\s*检|编\s*制|签发日期|报告日期|备\s*注|注\s*[:：1１])/,
  /[PＰ]\s*[一\-—－:：=]\s*符合/,
  /[FＦ]\s*[一\-—－:：=]\s*不符合/,
];
/** Lines that open the printed conclusion sentence. */
export const CONCLUSION_STARTERS: readonly RegExp[] = [
  // the English label may come misread ("Conclusi0n")
  /^(?:结\s*论|检验结论|检测结论|检验检测结论)\s*(?:[A-Za-z0-9]{4,14})?\s*[:：]\s*\S/,
  /^经(?:检验|检测|检验检测|测试)/,
  /^(?:该|本)?样品(?:所检|经检)/,
  /^(?:该|本)(?:批)?(?:样品|产品)/,
  /^所检项目/,
  /^(?:检验|检测)结论为/,
];

/** Product category vocabulary for contract lines; first matching rule wins, default school uniform. */
export const PRODUCT_CATEGORIES: readonly { words: readonly string[]; category: ProductCategory }[] = [
  { words: ['玩具', '积木', '拼插', '雪花片', '滑行车', '过家家', '童车', '摇马', '皮球', '拼图', '塑料玩', '益智'], category: 'plastic_toy' },
  { words: ['被褥', '棉被', '被子', '褥子', '被芯', '被套', '床上用品', '床单', '枕套', '枕芯', '枕头', '蚊帐', '床垫', '毛毯', '凉席', '被'], category: 'bedding' },
  { words: ['园服', '幼儿园', '幼儿', '婴幼儿'], category: 'kindergarten_garment' },
];
export const DEFAULT_CATEGORY: ProductCategory = 'school_uniform';

/** Units of contract goods lines. */
export const GOODS_UNITS: readonly string[] = [
  '套', '件', '床', '条', '个', '只', '桶', '台', '双', '顶', '批', '箱', '盒', '张', '把', '辆', '副', '组', '包', '袋', '块', '本', '支', '对', '打',
  'set', 'sets', 'pcs', 'pc', 'piece', 'pieces', 'Set', 'Sets', 'PCS', 'Pcs',
];

/**
 * OCR misreadings fixed in every OCR'd cell before parsing: only character sequences that are no words
 * ("白期" is a misread 日期) and letters standing for digits inside numbers ("+o.7").
 */
export const OCR_TEXT_FIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/[白曰]期/g, '日期'],
  // a speck read as a middle dot inside a wrapped label ("生产日期·或批号")
  [/(?<=[\u3400-\u9fff])[·•・](?=[\u3400-\u9fff])/g, ''],
  [/(^|[\s~～（(]|(?<![A-Za-z0-9])[+\-±])[oO](?=[.,]\d)/g, '$10'],
];

/**
 * Results that say the item does not apply to the sample: its verdict is 不适用 (n/a) even where the
 * verdict cell ("/", "—") was not read.
 */
export const NOT_APPLICABLE_RESULTS: readonly RegExp[] = [
  /^不适用/,
  /^无(?:绳带|抽绳|塑料袋|塑料袋包装|包装袋|附件|小零件)$/,
];
