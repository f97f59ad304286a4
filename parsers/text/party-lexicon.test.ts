import type { ContractExtraction, DocumentText, FieldMeta, TestReportExtraction } from '../types';
import { decodePartyField, decodePartyName, readingCost, textLayerPartyNames } from './party-lexicon';

const REGISTERED = [
  '江州市涪溪区教育委员会',
  '江州市涪溪区实验小学',
  '江州市涪溪区桂湖小学',
  '江州市第一中学',
];

describe('decodePartyName', () => {
  test('a rare character read as its look-alike is decoded to the registered name', () => {
    expect(decodePartyName('江州市培溪区教育委员会', REGISTERED, 0.96)).toEqual({
      kind: 'decoded',
      name: '江州市涪溪区教育委员会',
      cost: 0.4,
    });
  });

  test('a rare character OCR dropped is decoded to the registered name', () => {
    expect(decodePartyName('江州市溪区实验小学', REGISTERED, 1)).toMatchObject({
      kind: 'decoded',
      name: '江州市涪溪区实验小学',
    });
  });

  test('a name equal to a registered one is unchanged, whatever lies near it', () => {
    expect(decodePartyName('江州市涪溪区桂湖小学', REGISTERED, 0.8)).toEqual({ kind: 'unchanged' });
    expect(decodePartyName('（采购人）江州市涪溪区 实验小学', REGISTERED, 0.8)).toEqual({
      kind: 'unchanged',
    });
  });

  test('a reading within reach of two registered names is ambiguous and keeps both candidates', () => {
    const names = ['江州市涪溪区实验小学', '江州市培溪区实验小学'];
    expect(decodePartyName('江州市溪区实验小学', names, 1)).toEqual({
      kind: 'ambiguous',
      candidates: names,
    });
  });

  test('another character read with confidence is another organisation, not a misread', () => {
    // 金 and 桂 do not look alike: 金湖小学 is a school of its own
    expect(decodePartyName('江州市涪溪区金湖小学', REGISTERED, 0.99)).toEqual({ kind: 'unchanged' });
  });

  test('the same substitution in a line the model was unsure of is decoded', () => {
    expect(decodePartyName('江州市涪溪区金湖小学', REGISTERED, 0.8)).toMatchObject({
      kind: 'decoded',
      name: '江州市涪溪区桂湖小学',
    });
  });

  test('a differing numeral is never decoded, however unsure the reading', () => {
    expect(decodePartyName('江州市第二中学', REGISTERED, 0.5)).toEqual({ kind: 'unchanged' });
  });

  test('look-alike substitutions cost less than a dropped character, which costs less than any other', () => {
    expect(readingCost('培溪', '涪溪')).toBeLessThan(readingCost('溪', '涪溪'));
    expect(readingCost('溪', '涪溪')).toBeLessThan(readingCost('金溪', '涪溪'));
  });
});

describe('decodePartyField', () => {
  const page = (source: 'ocr' | 'text_layer'): DocumentText => ({
    form: source === 'ocr' ? 'scanned_pdf' : 'text_pdf',
    pages: [{ page: 1, source, lines: [] }],
  });
  const meta: FieldMeta = { confidence: 0.95, page: 1, box: null, source: '江州市培溪区教育委员会' };
  const context = { partyNames: REGISTERED };

  test('a name OCR read is decoded and flagged with the reading', () => {
    const d = decodePartyField('client', '江州市培溪区教育委员会', meta, page('ocr'), context);
    expect(d.value).toBe('江州市涪溪区教育委员会');
    expect(d.flag).toEqual({
      path: 'client',
      reason: 'name_decoded',
      message:
        '「委托单位」识别为“江州市培溪区教育委员会”，已按登记名称更正为“江州市涪溪区教育委员会”，请核对原件',
    });
  });

  test('names taken from the other documents of a folder (dsv audit) are named as such, not as registered', () => {
    const d = decodePartyField('client', '江州市培溪区教育委员会', meta, page('ocr'), {
      ...context,
      partyNamesSource: 'folder',
    });
    expect(d.value).toBe('江州市涪溪区教育委员会');
    expect(d.flag?.message).toBe(
      '「委托单位」识别为“江州市培溪区教育委员会”，已按同批文本文件所载名称更正为“江州市涪溪区教育委员会”，请核对原件',
    );
  });

  test('an ambiguous reading is kept and flagged with its candidates', () => {
    const d = decodePartyField('purchaser.name', '江州市溪区实验小学', meta, page('ocr'), {
      partyNames: ['江州市涪溪区实验小学', '江州市培溪区实验小学'],
    });
    expect(d.value).toBe('江州市溪区实验小学');
    expect(d.flag?.reason).toBe('name_ambiguous');
    expect(d.flag?.message).toContain('“江州市涪溪区实验小学”、“江州市培溪区实验小学”');
  });

  test('a name printed in a text layer is what the document says: never decoded', () => {
    const d = decodePartyField('client', '江州市培溪区教育委员会', meta, page('text_layer'), context);
    expect(d).toEqual({ value: '江州市培溪区教育委员会', flag: null });
  });

  test('without registered names the reading is kept unflagged', () => {
    const d = decodePartyField('client', '江州市培溪区教育委员会', meta, page('ocr'), undefined);
    expect(d).toEqual({ value: '江州市培溪区教育委员会', flag: null });
  });
});

describe('textLayerPartyNames', () => {
  const meta = (page: number): FieldMeta => ({ confidence: 1, page, box: null });
  const report = (fields: Record<string, FieldMeta>) =>
    ({
      kind: 'test_report',
      client: '江州市涪溪区教育委员会',
      manufacturer: '江州某某服饰有限公司',
      fields,
    }) as unknown as TestReportExtraction;
  // a scan whose first page kept its text layer and whose second was OCR'd
  const mixed: DocumentText = {
    form: 'scanned_pdf',
    pages: [
      { page: 1, source: 'text_layer', lines: [] },
      { page: 2, source: 'ocr', lines: [] },
    ],
  };

  test('names printed in a text layer are evidence, names read by OCR are not', () => {
    expect(textLayerPartyNames(mixed, report({ client: meta(1), manufacturer: meta(2) }))).toEqual([
      '江州市涪溪区教育委员会',
    ]);
  });

  test('a text PDF’s names count even where the parser kept no location', () => {
    const text: DocumentText = { form: 'text_pdf', pages: [{ page: 1, source: 'text_layer', lines: [] }] };
    expect(textLayerPartyNames(text, report({}))).toEqual(['江州市涪溪区教育委员会', '江州某某服饰有限公司']);
    expect(textLayerPartyNames(mixed, report({}))).toEqual([]);
  });

  test('a contract gives its purchaser and supplier', () => {
    const text: DocumentText = { form: 'text_pdf', pages: [{ page: 1, source: 'text_layer', lines: [] }] };
    const contract = {
      kind: 'contract',
      purchaser: { name: '江州市涪溪区实验小学' },
      supplier: { name: '江州某某服饰有限公司', uscc: null },
    } as unknown as ContractExtraction;
    expect(textLayerPartyNames(text, contract)).toEqual(['江州市涪溪区实验小学', '江州某某服饰有限公司']);
  });
});
