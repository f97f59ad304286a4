import { classifyDocument } from './classify';
import { C3_DOC053_P1, T2_DOC009_P1, T5_DOC005_P2 } from './testing/corpus-pages';
import { ocrDoc, textDoc } from './testing/doc';

describe('classifyDocument', () => {
  it('tells contracts from test reports on real pages', () => {
    expect(classifyDocument(textDoc(C3_DOC053_P1)).kind).toBe('contract');
    expect(classifyDocument(textDoc(T2_DOC009_P1)).kind).toBe('test_report');
    expect(classifyDocument(textDoc(T5_DOC005_P2)).kind).toBe('test_report');
  });
  it('reads letter-spaced OCR titles', () => {
    expect(classifyDocument(ocrDoc('检 测 报 告\n报 告 编 号 ： X1\n检验结论：合格')).kind).toBe(
      'test_report',
    );
  });
  it('gives null for text that is neither', () => {
    expect(classifyDocument(textDoc('今天天气很好')).kind).toBeNull();
    expect(classifyDocument({ form: 'photo', pages: [] }).kind).toBeNull();
  });
});
