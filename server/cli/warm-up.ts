/**
 * `dsv extract` on a text PDF spends most of its time waiting for the PDF sandbox to start and read the
 * file, and then parses what it read with code V8 has never run: every label vocabulary compiled to a
 * regular expression on first use, every table function interpreted before it is optimised. Parsing a
 * small made-up report and contract while the sandbox is still loading pdf.js does that work off the
 * critical path (`npm run bench:cli`: the parse of a first document takes about a third of its cold time
 * after it).
 *
 * The documents are invented here, not taken from any lab; what they parse to is thrown away.
 */
import { parseDocument } from '../../parsers/registry';
import type { Extraction } from '../../parsers/types';
import { ruledDoc } from '../../parsers/testing/ruled-page';

const REPORT = ruledDoc(
  '检验检测报告',
  '报告编号：WARM-0001',
  '样品名称：学生校服（夏装）        型号规格：160/84A',
  '委托单位：示例学校        生产单位：示例服饰有限公司',
  '检验类别：委托检验        签发日期：2000年1月2日',
  '检验依据：GB 18401-2010、GB 31701-2015',
  {
    table: [
      ['序号', '检验项目', '单位', '标准要求', '检验结果', '单项判定'],
      ['1', '甲醛含量', 'mg/kg', '≤75', '未检出', '合格'],
      ['2', 'pH值', '—', '4.0~8.5', '6.5', '合格'],
      ['3', '耐水色牢度\n变色', '级', '≥3-4', '4', '合格'],
      ['4', '可分解致癌芳香胺染料', 'mg/kg', '禁用', '未检出', '不合格'],
    ],
  },
  '检验结论：所检项目符合标准要求。',
  '检验机构：示例检测中心（CMA 000000000000）',
);

const CONTRACT = ruledDoc(
  '采购合同',
  '合同编号：WARM-HT-0001',
  '甲方（采购人）：示例学校',
  '乙方（供应商）：示例服饰有限公司  统一社会信用代码：91000000000000000X',
  '签订日期：2000年1月2日        交货日期：2000年2月3日',
  {
    table: [
      ['序号', '货物名称', '规格型号', '数量', '单位', '单价（元）', '金额（元）'],
      ['1', '学生校服（夏装）', '160/84A', '100', '套', '120.00', '12000.00'],
      ['合计', '', '', '', '', '', '12000.00'],
    ],
  },
  '合同总金额：人民币壹万贰仟元整（¥12000.00）',
  '质量标准：GB 18401-2010',
);

/** Parses the made-up report and contract once; the caller throws away what they read. */
export function warmUpParsers(): (Extraction | null)[] {
  return [parseDocument(REPORT), parseDocument(CONTRACT)];
}
