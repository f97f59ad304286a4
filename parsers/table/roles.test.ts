import { headerCellKind } from './roles';

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
