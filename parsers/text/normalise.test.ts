import {
  cleanValue,
  collapseHanSpaces,
  isEmptyMarker,
  joinWrapped,
  normaliseText,
  toHalfWidth,
} from './normalise';

describe('normaliseText', () => {
  it('turns Kangxi radicals from text PDFs into the ordinary characters', () => {
    expect(normaliseText('⼴州市番禺区⽯碁镇⾦⼭⼤道西98号')).toBe('广州市番禺区石碁镇金山大道西98号');
    expect(normaliseText('⼀、合同标的')).toBe('一、合同标的');
  });
  it('makes full-width letters and digits half-width but keeps Chinese brackets and punctuation', () => {
    expect(normaliseText('ＧＢ／Ｔ ３１８８８－２０１５')).toBe('GB/T 31888-2015');
    expect(normaliseText('中小学生校服（春秋装）')).toBe('中小学生校服（春秋装）');
    expect(normaliseText('≥70，未脱落')).toBe('≥70，未脱落');
    expect(normaliseText('4.0～8.5')).toBe('4.0～8.5');
  });
  it('collapses runs of spaces but keeps tabs (cell separators)', () => {
    expect(normaliseText('a   b\tc')).toBe('a b\tc');
  });
});

describe('collapseHanSpaces', () => {
  it('removes spaces OCR and letter-spaced titles put between Han characters', () => {
    expect(collapseHanSpaces('检 验 报 告')).toBe('检验报告');
    expect(collapseHanSpaces('江州 市涪溪区 教育委员会')).toBe('江州市涪溪区教育委员会');
  });
  it('keeps spaces next to Latin letters and digits', () => {
    expect(collapseHanSpaces('GB 18401-2010 B类')).toBe('GB 18401-2010 B类');
  });
});

describe('isEmptyMarker', () => {
  it.each(['/', '—', '——', '-', '', '  ', '无', 'N/A', '／'])('treats %p as no value', (v) => {
    expect(isEmptyMarker(v)).toBe(true);
  });
  it.each(['锦程', 'P245937', '0'])('treats %p as a value', (v) => {
    expect(isEmptyMarker(v)).toBe(false);
  });
});

describe('joinWrapped / toHalfWidth / cleanValue', () => {
  it('joins a wrapped Chinese cell without a space and Latin words with one', () => {
    expect(joinWrapped('符合GB 31701-2015中', '5.2要求')).toBe('符合GB 31701-2015中5.2要求');
    expect(joinWrapped('博雅学', '苑 BY24-X24')).toBe('博雅学苑 BY24-X24');
    expect(joinWrapped('Testing', 'Period')).toBe('Testing Period');
  });
  it('keeps the space a wrap took between Han and a number where the cell spaces them elsewhere', () => {
    expect(joinWrapped('棉 53.8 聚酯纤维', '46.2')).toBe('棉 53.8 聚酯纤维 46.2');
    expect(joinWrapped('棉 53.8', '聚酯纤维 46.2')).toBe('棉 53.8 聚酯纤维 46.2');
    // a cell printing Han and numbers tight stays tight, and so does one without a clue
    expect(joinWrapped('符合GB 31701-2015中', '5.2要求')).toBe('符合GB 31701-2015中5.2要求');
    expect(joinWrapped('燃烧速率', '10 mm/s')).toBe('燃烧速率10 mm/s');
  });
  it('normalises dashes and tildes for codes', () => {
    expect(toHalfWidth('GB 18401–2010')).toBe('GB 18401-2010');
    expect(cleanValue('  a \n b ')).toBe('a b');
  });
});
