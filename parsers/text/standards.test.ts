import { findStandards, normaliseStandard, uniqueStandards } from './standards';

describe('normaliseStandard', () => {
  it.each([
    ['GB/T31888—2015', 'GB/T 31888-2015'],
    ['GB／T 31888-2015', 'GB/T 31888-2015'],
    ['GB 18401–2010', 'GB 18401-2010'],
    ['GB18401-2010 B类', 'GB 18401-2010'],
    ['GB 6675.4-2014', 'GB 6675.4-2014'],
    ['FZ/T 81003-2022', 'FZ/T 81003-2022'],
    ['FZ/T 73045-2013、', 'FZ/T 73045-2013'],
    ['GBMT 31888-2015', 'GB/T 31888-2015'],
    ['GB/ T 22796 - 2021', 'GB/T 22796-2021'],
    // OCR lost the dash before the year
    ['GB/T318882015、GB184012010B类', 'GB/T 31888-2015'],
    ['GB6675.12014', 'GB 6675.1-2014'],
  ])('normalises %p', (raw, code) => {
    expect(normaliseStandard(raw)).toBe(code);
  });
  it('ignores report and contract numbers that look like NUMBER-YEAR', () => {
    expect(normaliseStandard('JZCG2024-4740')).toBeNull();
    expect(normaliseStandard('HBT24-895760-TX')).toBeNull();
    expect(normaliseStandard('符合GB 5296.4要求')).toBeNull();
  });
});

describe('findStandards', () => {
  it('reads the class suffix apart from the number, also after the title', () => {
    const found = findStandards(
      'GB 18401-2010《国家纺织产品基本安全技术规范》 B类；GB 31701-2015 A类、GB/T 31888-2015',
    );
    expect(found.map((f) => [f.code, f.safetyClass])).toEqual([
      ['GB 18401-2010', 'B'],
      ['GB 31701-2015', 'A'],
      ['GB/T 31888-2015', null],
    ]);
  });
  it('joins numbers wrapped across lines (real T3 layout)', () => {
    const text =
      '判定依据 GB/T 22796-2021《床上用品》；GB 18401-2010《国家纺织产品基本安全技术规范》 B类；GB 18383-\n2007《絮用纤维制品通用技术要求》';
    expect(uniqueStandards(text)).toEqual(['GB/T 22796-2021', 'GB 18401-2010', 'GB 18383-2007']);
    expect(uniqueStandards('B类；GB\n31701-2015《婴幼儿》')).toEqual(['GB 31701-2015']);
  });
});
