import {
  subItemAndUnit,
  canonicalItemName,
  headerKinds,
  itemNameKey,
  ocrVerdictCellOf,
  restoreDetectionLimit,
  restoreGrade,
  snapItemName,
} from './item-vocab';

describe('restoreDetectionLimit', () => {
  it.each([
    ['未检出（20）', '未检出（<20）'],
    ['未检出(0.005)', '未检出(<0.005)'],
    ['未检出（<20）', '未检出（<20）'],
    ['ND(5)', 'ND(<5)'],
    ['未检出', '未检出'],
    ['37', '37'],
    ['检出(<2)', '未检出(<2)'],
    ['检出（＜0.005）', '未检出（＜0.005）'],
  ])('%p → %p', (raw, want) => {
    expect(restoreDetectionLimit(raw)).toBe(want);
  });
  it('leaves an unread result unread', () => {
    expect(restoreDetectionLimit(null)).toBeNull();
  });
});

describe('restoreGrade', () => {
  it('puts back the dash OCR drops from a half grade', () => {
    expect(restoreGrade('耐水色牢度 变色', '级', '45')).toBe('4-5');
    expect(restoreGrade('甲醛含量', 'mg/kg', '45')).toBe('45');
  });
});

describe('item names read by OCR', () => {
  it.each([
    ['耐汗溃色牢屋沾色', '耐汗渍色牢度 沾色'],
    ['耐睡液色牢腹沾色', '耐唾液色牢度 沾色'],
    ['耐水色牢度变色', '耐水色牢度 变色'],
    // an element's rare character misread, its symbol read: the name the symbol says
    ['可迁移元素 镐(Cd)', '可迁移元素 镉(Cd)'],
    ['可迁移元素 铅（Pb）', '可迁移元素 铅（Pb）'],
    // the element's name lost altogether, its symbol read (a dev photo at a lower detection size)
    ['可迁移元素（Sb）', '可迁移元素 锑（Sb）'],
    ['可迁移元素 (Sb)', '可迁移元素 锑(Sb)'],
    ['可迁移元素锑（Sb）', '可迁移元素 锑（Sb）'],
    // a symbol that is no element stays as read
    ['可迁移元素(Xx)', '可迁移元素(Xx)'],
  ])('%p → %p', (raw, want) => {
    expect(snapItemName(canonicalItemName(raw))).toBe(want);
  });
});

describe('one item name however it was printed', () => {
  it('treats full- and half-width brackets and spaces alike', () => {
    expect(itemNameKey('可迁移元素 砷(As)')).toBe(itemNameKey('可迁移元素砷（As）'));
    expect(itemNameKey('邻苯二甲酸酯 DBP+BBP+DEHP')).toBe(itemNameKey('邻苯二甲酸酯DBP+BBP+DEHP'));
    expect(itemNameKey('可迁移元素 砷(As)')).not.toBe(itemNameKey('可迁移元素 汞(Hg)'));
  });
});

describe('header words read through OCR misreads', () => {
  it.each([
    [
      'No. Test ltem Unit Limt Resut Verdict',
      ['index', 'name', 'unit', 'requirement', 'result', 'verdict'],
      true,
    ],
    [
      'No. Test item unt Limit Result Verdict',
      ['index', 'name', 'unit', 'requirement', 'result', 'verdict'],
      true,
    ],
    ['检测结果 Resut', ['result'], true],
    ['Conclusoin', ['verdict'], true],
    // a word OCR split in two and misread
    ['Judgen ent', ['verdict'], true],
    // the period of "Item No." lost: one index column, not a name column and an index column
    [
      'Item No Item Specification Assessment Test Result Unit',
      ['index', 'name', 'requirement', 'verdict', 'result', 'unit'],
      true,
    ],
    [
      'No. Test Item Unit Limit 直向 横向 Judgen ent',
      ['index', 'name', 'unit', 'requirement', 'verdict'],
      false,
    ],
  ])('%p names %p', (line, kinds, pure) => {
    expect(headerKinds(line)).toMatchObject({ kinds, pure });
  });
  it('When a misread word would name a kind an English word of the line names already, then it stays unread', () => {
    // "Umit" is one letter from Unit but was Limit: a line naming Unit twice is not read so
    expect(headerKinds('No. Test Item Unit Umit Result Verdict')).toMatchObject({
      kinds: ['index', 'name', 'unit', 'result', 'verdict'],
      pure: false,
    });
  });
  it('When a body line holds an English word near a header word, then it is no header line', () => {
    expect(headerKinds('Not detected').pure).toBe(false);
    expect(headerKinds('Flammability').kinds).toEqual([]);
  });
  it('When OCR lost the side of one character of a long Chinese header word (单项结仑), then the word still names its column', () => {
    expect(headerKinds('单项结仑')).toMatchObject({ kinds: ['verdict'], pure: true });
    expect(headerKinds('编号 项目 单位 标准要求 直向 横向 单项结仑').kinds).toContain('verdict');
  });
  it('When a short word differs from a header word by a look-alike (平定 for 评定), then it is not taken for it', () => {
    expect(headerKinds('平定').kinds).toEqual([]);
  });
  it('When a line is asked about again after a caller changed the kinds it got, then the answer is unchanged', () => {
    const first = headerKinds('序号 检验项目 Limt Resut 单项判定');
    first.kinds.splice(0, first.kinds.length, 'unit');
    expect(headerKinds('序号 检验项目 Limt Resut 单项判定').kinds).toEqual([
      'index',
      'name',
      'requirement',
      'result',
      'verdict',
    ]);
  });
});

describe('verdict cells read through OCR', () => {
  it.each([
    ['Pas', 'pass'],
    ['FAI', 'fail'],
    ['Passe', 'pass'],
    ['Pa', null],
    ['Fa', null],
    ['<', 'pass'],
    ['x', 'fail'],
    // a Chinese verdict word with one character misread, lost or added under a seal's red
    ['待合', 'pass'],
    ['不符合合', 'fail'],
    ['合格检验', null],
    // one character alone (a neighbour's word split across rows); as close to 不合格 as to 符合; a
    // header word; a word of no verdict
    ['符', null],
    ['合', null],
    ['不合', null],
    ['判定', null],
    ['适用', null],
    // an English word whose letters a speck split
    ['Pa.s', 'pass'],
    // … or one letter added or misread
    ['PassS', 'pass'],
    ['Faill', 'fail'],
    ['Pasa', 'pass'],
    ['P.a.s', null],
  ] as const)('%p in a verdict column reads as %p', (cell, verdict) => {
    expect(ocrVerdictCellOf(cell)).toBe(verdict);
  });
});

describe('a sub-item and its unit read as one segment', () => {
  it.each([
    ['变色级', ['变色', '级']],
    ['直向%', ['直向', '%']],
    ['沾色级', ['沾色', '级']],
  ])('When OCR reads "%s", then it is the sub-item and the unit', (cell, want) => {
    expect(subItemAndUnit(cell)).toEqual(want);
  });

  it.each(['变色', '级', '耐水色牢度', '变色 4-5', '甲醛含量mg/kg'])(
    'When the cell is "%s", then it is no such pair',
    (cell) => {
      expect(subItemAndUnit(cell)).toBeNull();
    },
  );
});
