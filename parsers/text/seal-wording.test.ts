import { sealWordingIn } from './seal-wording';

/** The text without the seal's wording sealWordingIn finds in it. */
const without = (text: string): string => {
  const seal = sealWordingIn(text);
  if (!seal) return text;
  const chars = [...text];
  return [...chars.slice(0, seal.from), ...chars.slice(seal.to)].join('');
};

describe("the seal's wording read into a cell", () => {
  it('When the whole wording is read with two characters wrong after a result (ND(<0.005) 检验检测专6草), then only the result is left', () => {
    expect(without('ND(<0.005) 检验检测专6草').trim()).toBe('ND(<0.005)');
    expect(without('检验检测寿章')).toBe('');
  });

  it('When only its opening words are read before or inside the cell’s text (检验检测1级, 微生物检验检测真菌菌落总数), then those words are taken out', () => {
    expect(without('检验检测1级')).toBe('1级');
    expect(without('微生物检验检测真菌菌落总数')).toBe('微生物真菌菌落总数');
  });

  it('When a cell prints 检验 or 检测 in its own words (检验项目, 检测结果, 检测方法), then nothing is taken', () => {
    for (const t of ['检验项目', '检测结果', '检测方法', '检验依据', '甲醛', '检验结论']) {
      expect(sealWordingIn(t)).toBeNull();
    }
  });

  it('When the wording is three characters or more away from the seal’s (检验符合则专用童), then it is left as read, not guessed at', () => {
    expect(sealWordingIn('检验符合则专用童')).toBeNull();
  });
});
