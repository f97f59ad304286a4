import { ocrDoc } from '../testing/doc';
import { cleanOcrText, prepareDocument, splitOcrLine } from './ocr-clean';

describe('OCR line cleanup', () => {
  it('splits real OCR lines into cells at borders and wide gaps and drops border noise', () => {
    expect(splitOcrLine('样品名称 ”| 中小学生校服 (冬装)          规格型号 ”| JC24-D07')).toEqual([
      '样品名称',
      '中小学生校服（冬装）',
      '规格型号',
      'JC24-D07',
    ]);
    expect(
      splitOcrLine(
        '5 “|耐水色牢度 变色                             级                    >3-4                            4-5                     符合',
      ),
    ).toEqual(['5', '耐水色牢度 变色', '级', '>3-4', '4-5', '符合']);
  });
  it('fixes unambiguous misreadings', () => {
    expect(cleanOcrText('>=70 , 未脱落')).toBe('≥70 , 未脱落');
    expect(cleanOcrText('报告编号:〈2024) 江纤检字第W26339号')).toBe('报告编号:(2024) 江纤检字第W26339号');
    expect(cleanOcrText('商 “ 标')).toBe('商 标');
    expect(cleanOcrText('签发白期：2024-01-19')).toBe('签发日期：2024-01-19');
    expect(cleanOcrText('+o.7')).toBe('+0.7');
    expect(cleanOcrText('生产日期·或批号')).toBe('生产日期或批号');
    expect(cleanOcrText('Model HX-O.5')).toBe('Model HX-O.5');
  });
  it('cleans cells the OCR engine already split', () => {
    const doc = ocrDoc('x');
    const line = { text: '', cells: ['商 “ 标', '锦程 | 检验性质', '>=70'], box: null, confidence: 0.9 };
    const out = prepareDocument({ ...doc, pages: [{ page: 1, source: 'ocr', lines: [line] }] });
    expect(out.pages[0]?.lines[0]?.cells).toEqual(['商 标', '锦程', '检验性质', '≥70']);
  });
  it('leaves text-layer pages alone and is idempotent on OCR pages', () => {
    const doc = ocrDoc('委托单位 ”| 江州锦程服饰有限公司');
    const once = prepareDocument(doc);
    expect(once.pages[0]?.lines[0]?.cells).toEqual(['委托单位', '江州锦程服饰有限公司']);
    expect(prepareDocument(once)).toEqual(once);
  });
});
