/**
 * Issue 10 point 7 through `dsv audit`: the supplier list holds every supplier of the folder, supplier-side
 * failures above a school-side gap, the clean supplier last, with the columns an inspector acts on.
 */
import fs from 'node:fs';
import { contract, report, schoolReport, uniformItems } from '../../server/verify/testing/builders';
import { codesByLine, runAudit, writeAuditFolder, type AuditJson } from '../helpers/audit-folder';

const BUREAU = '江州市涪溪区教育委员会';
const FAILING = { name: '成都市蓉华制衣有限公司', uscc: '915101247746189129' };
const CLEAN = { name: '江州市涪溪区锦程服饰有限公司', uscc: '91500117221931482T' };
const GAP = { name: '测试服饰有限公司', uscc: '91110108MA01ABC17L' };

describe('dsv audit: the supplier list for market supervision', () => {
  let dir = '';
  let result: AuditJson;
  beforeAll(async () => {
    const formaldehydeFails = uniformItems().map((i) =>
      i.name === '甲醛含量' ? { ...i, result: '150', verdict: 'fail' as const } : i,
    );
    dir = writeAuditFolder(
      {
        c_failing: contract({ contractNumber: 'HT-F', supplier: FAILING }),
        c_gap: contract({ contractNumber: 'HT-G', supplier: GAP }),
        c_clean: contract({ contractNumber: 'HT-C', supplier: CLEAN }),
        f_supplier: report({
          reportNumber: 'F-1',
          client: FAILING.name,
          manufacturer: '成都市郫都区蓉华服装厂',
          sample: {
            name: '中小学生校服（夏装）',
            model: 'TS-001',
            trademark: '蓉华',
            batch: 'RH-2024-03',
            safetyClass: 'B',
          },
          items: formaldehydeFails,
          conclusion: 'fail',
        }),
        f_school: schoolReport({ reportNumber: 'F-2', client: BUREAU, manufacturer: FAILING.name }),
        g_supplier: report({ reportNumber: 'G-1', client: GAP.name }),
        k_supplier: report({ reportNumber: 'K-1', client: CLEAN.name, manufacturer: CLEAN.name }),
        k_school: schoolReport({ reportNumber: 'K-2', client: BUREAU, manufacturer: CLEAN.name }),
      },
      [
        { contract: 'c_failing', lines: [{ lineNo: 1, reports: ['f_supplier', 'f_school'] }] },
        { contract: 'c_gap', lines: [{ lineNo: 1, reports: ['g_supplier'] }] },
        { contract: 'c_clean', lines: [{ lineNo: 1, reports: ['k_supplier', 'k_school'] }] },
      ],
    );
    result = await runAudit(dir, ['--as-of', '2024-12-31']);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('When one supplier fails an item, one lacks only the school sampling and one is clean, then all three are listed in that order', () => {
    expect(codesByLine(result)).toEqual({
      'HT-F#1': ['ITEM_FAILED'],
      'HT-G#1': ['MISSING_PURCHASER_REPORT'],
      'HT-C#1': [],
    });
    expect(result.samplingList.map((e) => [e.rank, e.supplier, e.risk, e.reasons])).toEqual([
      [1, FAILING.name, 'high', ['ITEM_FAILED']],
      [2, GAP.name, 'low', ['MISSING_PURCHASER_REPORT']],
      [3, CLEAN.name, 'low', []],
    ]);
    // the spec's keys are all there
    for (const e of result.samplingList) {
      expect(Object.keys(e)).toEqual(
        expect.arrayContaining(['supplier', 'uscc', 'rank', 'risk', 'reasons', 'schools', 'contracts']),
      );
    }
    expect(result.samplingList.map((e) => e.listedBecause)).toEqual([
      '检验项目不合格',
      '集中采购供货企业（依通知要求报送）；学校端：缺少采购方（学校）送检报告',
      '集中采购供货企业（依通知要求报送）',
    ]);
  });

  it('When the list is printed, then the failed item carries value and limit, the report its lab, the manufacturer and the location are named', () => {
    const [failing, , clean] = result.samplingList;
    expect(failing).toMatchObject({
      uscc: FAILING.uscc,
      failedItems: [
        expect.objectContaining({
          reportNumber: 'F-1',
          item: '甲醛含量',
          result: '150',
          requirement: '≤75',
          unit: 'mg/kg',
        }),
      ],
      manufacturers: ['成都市郫都区蓉华服装厂'],
      trademarks: ['蓉华'],
      batches: ['RH-2024-03'],
      quantities: [{ product: '夏季校服（短袖POLO衫）', model: 'TS-001', quantity: 100, unit: '套' }],
      categories: ['school_uniform'],
      location: { inDistrict: false, place: '成都市', basis: 'name', label: '辖区外（成都市）' },
    });
    expect(failing!.reports.map((r) => [r.reportNumber, r.lab, r.side])).toEqual([
      ['F-1', '测试检验所', 'supplier'],
      ['F-2', '测试检验所', 'purchaser'],
    ]);
    expect(clean).toMatchObject({
      manufacturers: [],
      failedItems: [],
      location: { inDistrict: true, label: '辖区内（江州市涪溪区）' },
    });
  });
});
