/**
 * Issue 10 point 5 (本批次: batch and production date, set lines) and point 6's last sentence (a
 * school of unknown level gets the stricter rule), at the engine level.
 */
import type { ContractExtraction } from '../../parsers/types';
import { verifyDistrict } from './engine';
import { schoolKindFromName, schoolKindToRecord } from './parties';
import { registryByVersion } from './registry/registry';
import { linePieces } from './set-lines';
import { productionDateOf } from './report-checks';
import { contract, district, report, schoolReport, uniformItems } from './testing/builders';
import type { LineResult } from './types';

const codes = (l: LineResult) => l.findings.map((f) => f.code).sort();
const finding = (l: LineResult, code: string) => l.findings.find((f) => f.code === code);

function verifyFor(purchaser: string, registered: boolean, c: Partial<ContractExtraction> = {}): LineResult {
  // A 中学 school report that leaves out GB 31701 and its items (绳带, 附件锐利性)
  const withoutGb31701 = {
    standards: ['GB/T 31888-2015', 'GB 18401-2010'],
    items: uniformItems().filter((i) => !/绳带|附件|残留/.test(i.name)),
  };
  const input = district([report(withoutGb31701), schoolReport({ ...withoutGb31701, client: purchaser })], {
    contract: contract({ purchaser: { name: purchaser }, ...c }),
  });
  input.schools = registered ? [{ name: purchaser, kind: schoolKindToRecord(purchaser) }] : [];
  return verifyDistrict(input).lines[0]!;
}

describe('a school of unknown level gets the stricter rule (GB 31701 for pupils ≤14)', () => {
  it('When a name says only 中学 / 中学校 / 第二中学, then it proves no level; 高级中学 and 高中 prove a senior school', () => {
    expect(schoolKindFromName('江州市第二中学')).toBeNull();
    expect(schoolKindFromName('江州市涪溪中学校')).toBeNull();
    expect(schoolKindFromName('测试学校')).toBeNull();
    expect(schoolKindFromName('江州市第一高级中学')).toBe('senior');
    expect(schoolKindFromName('江州市实验高中')).toBe('senior');
    expect(schoolKindFromName('江州市鹤鸣初级中学')).toBe('junior');
    expect(schoolKindFromName('江州市育才完全中学')).toBe('complete_secondary');
    expect(schoolKindToRecord('江州市第二中学')).toBe('complete_secondary');
    expect(schoolKindToRecord('江州市第一高级中学')).toBe('senior');
  });

  it('When the purchaser is a 第二中学 known only by its name, then GB 31701 and its items are required', () => {
    const l = verifyFor('测试区第二中学', false);
    expect(codes(l)).toEqual(['REQUIRED_ITEM_MISSING', 'REQUIRED_STANDARD_MISSING']);
    expect(finding(l, 'REQUIRED_STANDARD_MISSING')?.message).toContain('GB 31701');
  });

  it('When a registered 中学 was recorded from its name alone, then the stricter rule applies too', () => {
    expect(codes(verifyFor('测试区第二中学', true))).toEqual([
      'REQUIRED_ITEM_MISSING',
      'REQUIRED_STANDARD_MISSING',
    ]);
  });

  it('When the purchaser is a 高级中学, then GB 31701 is not asked of its uniforms', () => {
    expect(codes(verifyFor('测试区第一高级中学', false))).toEqual([]);
    expect(codes(verifyFor('测试区第一高级中学', true))).toEqual([]);
  });

  it('When the registered kind says senior, then it wins over the name', () => {
    const input = district([report(), schoolReport({ client: '测试区第二中学' })], {
      contract: contract({ purchaser: { name: '测试区第二中学' } }),
    });
    input.schools = [{ name: '测试区第二中学', kind: 'senior' }];
    input.reports = input.reports.map((r) => ({
      ...r,
      extraction: { ...r.extraction, standards: ['GB/T 31888-2015', 'GB 18401-2010'] },
    }));
    expect(codes(verifyDistrict(input).lines[0]!)).toEqual([]);
  });
});

describe('本批次: the supplier report must be for the batch delivered', () => {
  const sample = report().sample;
  const withBatch = (batch: string | null, productionDate?: string) => ({
    sample: { ...sample, batch, ...(productionDate ? { productionDate } : {}) },
  });
  const verifyBatches = (
    supplier: string | null,
    school: string | null,
    opts: {
      line?: { batch?: string; productionDate?: string };
      supplierDate?: string;
      category?: string;
    } = {},
  ): LineResult => {
    const c = contract();
    c.lines = c.lines.map((l) => ({ ...l, ...opts.line }));
    const input = district(
      [report(withBatch(supplier, opts.supplierDate)), schoolReport(withBatch(school))],
      {
        contract: c,
      },
    );
    return verifyDistrict(input).lines[0]!;
  };

  it('When the batch codes the two sides print differ, then PRODUCT_MISMATCH names both values and the policy', () => {
    const l = verifyBatches('P242566', 'P243029');
    expect(codes(l)).toEqual(['PRODUCT_MISMATCH']);
    const m = finding(l, 'PRODUCT_MISMATCH')!;
    expect(m.message).toContain('P243029');
    expect(m.message).toContain('P242566');
    expect(m.message).toContain('本批次');
    expect(m.message).toContain('教基一〔2015〕3号');
    expect(m.evidence.map((e) => e.file)).toEqual(['r2.json', 'r1.json']);
  });

  it('When the production dates differ (2024-03 against 2024-06-15), then PRODUCT_MISMATCH', () => {
    expect(codes(verifyBatches('2024年3月', '2024-06-15'))).toEqual(['PRODUCT_MISMATCH']);
    expect(codes(verifyBatches('2024-05批', '2024.06'))).toEqual(['PRODUCT_MISMATCH']);
  });

  it('When the same batch is printed in other forms (2024-03 vs 2024年3月, a label or 第…批 around it, a day within the month), then nothing', () => {
    expect(codes(verifyBatches('2024-03', '2024年3月'))).toEqual([]);
    expect(codes(verifyBatches('批号：P245937', 'p-245937'))).toEqual([]);
    expect(codes(verifyBatches('2024-03批', '2024.03.15'))).toEqual([]);
    expect(codes(verifyBatches('20240315', '2024年3月15日'))).toEqual([]);
    expect(codes(verifyBatches('2024.04/款号:YKP027', '2024-04'))).toEqual([]);
  });

  it('When one side prints nothing, or only a date against only a code, then no finding (no guessing)', () => {
    expect(codes(verifyBatches(null, 'P243029'))).toEqual([]);
    expect(codes(verifyBatches('P242566', null))).toEqual([]);
    expect(codes(verifyBatches('/', 'P243029'))).toEqual([]);
    expect(codes(verifyBatches('2024-07批', 'P245937'))).toEqual([]);
    expect(codes(verifyBatches('240216', '2024-06批'))).toEqual([]);
  });

  it('When a date and a code are printed together, then each is compared with its like', () => {
    expect(codes(verifyBatches('2024-03/T1607034A', 'T1607034A'))).toEqual([]);
    expect(codes(verifyBatches('2024-03/T1607034A', '2024-04'))).toEqual(['PRODUCT_MISMATCH']);
    expect(codes(verifyBatches('T1607034A', '2024-04', { supplierDate: '2024-03-02' }))).toEqual([
      'PRODUCT_MISMATCH',
    ]);
  });

  it('When the contract line states the batch, then the supplier report is compared with it', () => {
    const l = verifyBatches('P242566', null, { line: { batch: 'P300001' } });
    expect(codes(l)).toEqual(['PRODUCT_MISMATCH']);
    expect(finding(l, 'PRODUCT_MISMATCH')!.message).toContain('合同明细');
    expect(codes(verifyBatches('P242566', null, { line: { batch: 'P242566' } }))).toEqual([]);
    expect(codes(verifyBatches('2024-03批', null, { line: { productionDate: '2024-03-20' } }))).toEqual([]);
  });

  it('When one of two supplier reports is for the sampled batch, then the line is covered', () => {
    const input = district(
      [
        report(withBatch('P1')),
        report({ ...withBatch('P2'), reportNumber: 'R-0003' }),
        schoolReport(withBatch('P2')),
      ],
      {},
    );
    expect(codes(verifyDistrict(input).lines[0]!)).toEqual([]);
  });
});

describe('a set line is covered only when every piece is tested', () => {
  const reg = registryByVersion('2026.1')!;
  const verifySet = (
    product: string,
    supplierSample: string,
    schoolSample: string,
    category = 'school_uniform',
  ) => {
    const c = contract();
    c.lines = c.lines.map((l) => ({ ...l, product, category: category as never }));
    const s = report().sample;
    return verifyDistrict(
      district(
        [
          report({ sample: { ...s, name: supplierSample } }),
          schoolReport({ sample: { ...s, name: schoolSample } }),
        ],
        { contract: c },
      ),
    ).lines[0]!;
  };

  it('When the line lists its pieces, then they are read from the brackets or the + list (a line without a list is no set)', () => {
    expect(linePieces('夏季校服（短袖POLO衫+短裤/短裙）', reg.setLines)).toEqual(['POLO衫', '短裤', '短裙']);
    expect(linePieces('冬装（上衣＋裤子）', reg.setLines)).toEqual(['上衣', '裤子']);
    expect(linePieces('学生礼服（西装套装含衬衫）', reg.setLines)).toEqual(['西装', '衬衫']);
    expect(linePieces('学生床上用品三件套（床单、被套、枕套）', reg.setLines)).toEqual([
      '床单',
      '被套',
      '枕套',
    ]);
    expect(linePieces('短袖T恤+短裤', reg.setLines)).toEqual(['T恤', '短裤']);
    expect(linePieces('校服一套', reg.setLines)).toBeNull();
    expect(linePieces('学生棉被（150cm×200cm，2.0kg）', reg.setLines)).toBeNull();
    expect(linePieces('冬季校服（防寒棉服外套）', reg.setLines)).toBeNull();
    expect(linePieces('学生运动服（针织运动套装）', reg.setLines)).toBeNull();
  });

  it('When both reports test only the POLO of a POLO+短裤/短裙 set, then PRODUCT_MISMATCH names the untested pieces', () => {
    const l = verifySet(
      '夏季校服（短袖POLO衫+短裤/短裙）',
      '学生夏装（短袖POLO衫）',
      '学生夏装（短袖POLO衫）',
    );
    expect(codes(l)).toEqual(['PRODUCT_MISMATCH']);
    const m = finding(l, 'PRODUCT_MISMATCH')!;
    expect(m.message).toContain('短裤、短裙未经检验');
    expect(m.message).toContain('教基一〔2015〕3号');
    expect(m.evidence).toHaveLength(2);
  });

  it('When the reports together name every piece, or a generic word covers it, then the set is covered', () => {
    expect(codes(verifySet('夏季校服（短袖POLO衫+短裤/短裙）', '短袖POLO衫', '短裤、短裙'))).toEqual([]);
    expect(codes(verifySet('冬装（上衣+裤子）', '冬装上衣', '运动长裤'))).toEqual([]);
    expect(codes(verifySet('春秋季校服（运动上衣+运动长裤）', '运动上衣', '裤子'))).toEqual([]);
  });

  it('When the reports name only some pieces, then the rest is untested', () => {
    const l = verifySet('春秋季校服（运动上衣+运动长裤）', '运动上衣', '运动上衣');
    expect(finding(l, 'PRODUCT_MISMATCH')?.message).toContain('长裤未经检验');
  });

  it('When a report is on the whole set (套装, 三件套) or names the product without pieces, then every piece counts as tested', () => {
    expect(codes(verifySet('夏季校服（短袖POLO衫+短裤/短裙）', '短袖POLO衫', '夏季校服套装'))).toEqual([]);
    expect(
      codes(verifySet('夏季校服（短袖POLO衫+短裤/短裙）', '中小学生校服（夏装）', '短袖POLO衫')),
    ).toEqual([]);
    const bedding = verifySet(
      '学生床上用品三件套（床单、被套、枕套）',
      '学生床单被套三件套',
      '床上用品三件套',
      'bedding',
    );
    expect(finding(bedding, 'PRODUCT_MISMATCH')).toBeUndefined();
  });

  it('When the item table names a piece (纤维含量 短裤), then that piece counts as tested', () => {
    const c = contract();
    c.lines = c.lines.map((l) => ({ ...l, product: '夏季校服（POLO衫+短裤）' }));
    const s = report().sample;
    const items = [...uniformItems(), { ...uniformItems()[0]!, name: '纤维含量 短裤' }];
    const l = verifyDistrict(
      district(
        [
          report({ sample: { ...s, name: 'POLO衫' }, items }),
          schoolReport({ sample: { ...s, name: 'POLO衫' } }),
        ],
        {
          contract: c,
        },
      ),
    ).lines[0]!;
    expect(codes(l)).toEqual([]);
  });
});

describe('the production date read from a batch serves the GB 6675 stock transition too', () => {
  it('When a batch reads 2024-05批 or 2016.04/款号:YKP027, then its production month is known', () => {
    const r = (batch: string) => report({ sample: { ...report().sample, batch } });
    expect(productionDateOf(r('2024-05批'))).toBe('2024-05-01');
    expect(productionDateOf(r('2016.04/款号:YKP027'))).toBe('2016-04-01');
    expect(productionDateOf(r('P245937'))).toBeNull();
  });
});
