import { headerCellKind, splitJoinedLabels } from './roles';

describe('headerCellKind', () => {
  it.each([
    ['检验项目', 'name'],
    ['Test ltem', 'name'], // OCR reads the capital I of Item as l
    ['Limt', 'requirement'],
    ['单项判定', 'verdict'],
    ['tTest Method', 'method'], // a glyph of the neighbouring cell came with the segment
    ['检测结果 Result', 'result'],
  ])('When a header cell reads "%s", then its column holds %s', (text, kind) => {
    expect(headerCellKind(text)).toBe(kind);
  });
  it.each(['合格', '铅（Pb）', 'Not detected', '0.5'])(
    'When a body cell reads "%s", then it names no column',
    (text) => {
      expect(headerCellKind(text)).toBeNull();
    },
  );
});

describe('splitJoinedLabels', () => {
  const word = (text: string) => ({ text, box: { x0: 0.3, y0: 0.4, x1: 0.5, y1: 0.41 } });
  it('When OCR read two element labels as one segment, then each label is a word with its share of the box', () => {
    const parts = splitJoinedLabels(word('钡(Ba）镉(Cd)'));
    expect(parts.map((p) => p.text)).toEqual(['钡(Ba）', '镉(Cd)']);
    expect(parts[0]?.box.x0).toBeCloseTo(0.3);
    expect(parts[1]?.box.x1).toBeCloseTo(0.5);
    expect(parts[0]?.box.x1).toBeCloseTo(parts[1]?.box.x0 ?? 0);
    expect(parts[0]?.box.x1).toBeGreaterThan(0.38);
    expect(parts[0]?.box.x1).toBeLessThan(0.42);
  });
  it.each(['铅(Pb)', '邻苯二甲酸酯DBP+BBP+DEHP', '变色 沾色', '可迁移元素(mg/kg)', '钡(Ba)含量'])(
    'When a segment is "%s", then it stays one word',
    (text) => {
      expect(splitJoinedLabels(word(text)).map((p) => p.text)).toEqual([text]);
    },
  );
});
