/**
 * Issue 10 point 6 through `dsv audit`: a report of another registered school is not this school's,
 * a supplier one character off is not the supplier, a malformed CMA number is NO_CMA, and the same
 * number from two labs is no duplicate.
 */
import fs from 'node:fs';
import { contract, report, schoolReport } from '../../server/verify/testing/builders';
import { codesByLine, runAudit, writeAuditFolder, type AuditJson } from '../helpers/audit-folder';

const YANGGUANG = '安澜市枫林区阳光小学';
const YUYING = '安澜市枫林区育英小学';

describe('dsv audit: matching that cannot be borrowed', () => {
  let dir = '';
  let result: AuditJson;
  beforeAll(async () => {
    dir = writeAuditFolder(
      {
        c1: contract({ contractNumber: 'HT-A', purchaser: { name: YANGGUANG } }),
        c2: contract({ contractNumber: 'HT-B', purchaser: { name: YUYING } }),
        a_supplier: report(),
        // 育英's own sampling report, handed in again by 阳光 as if it were its own
        b_school: schoolReport({ client: YUYING, reportNumber: 'R-0002' }),
        b_supplier: report({
          reportNumber: 'R-0003',
          client: '测试服饰有限公可',
          lab: { name: '测试检验所', cmaNumber: '19002234021', cnasNumber: null },
        }),
        // the same number as a_supplier, from another lab: not a duplicate
        b_other_lab: schoolReport({
          client: YUYING,
          reportNumber: 'R-0001',
          lab: { name: '别的检测中心', cmaNumber: '201919041827', cnasNumber: null },
        }),
      },
      [
        { contract: 'c1', lines: [{ lineNo: 1, reports: ['a_supplier', 'b_school'] }] },
        { contract: 'c2', lines: [{ lineNo: 1, reports: ['b_supplier', 'b_school', 'b_other_lab'] }] },
      ],
    );
    result = await runAudit(dir, ['--as-of', '2024-12-31']);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('When a school hands in another registered school’s report, then CLIENT_MISMATCH and its side is missing', () => {
    expect(codesByLine(result)['HT-A#1']).toEqual(['CLIENT_MISMATCH', 'MISSING_PURCHASER_REPORT']);
    const line = result.lines.find((l) => l.contractNumber === 'HT-A')!;
    expect(line.findings.find((f) => f.code === 'CLIENT_MISMATCH')?.message).toContain(
      `另一登记单位“${YUYING}”`,
    );
  });

  it('When the supplier’s name is one character off and the CMA number has 11 digits, then neither passes', () => {
    expect(codesByLine(result)['HT-B#1']).toEqual(['CLIENT_MISMATCH', 'MISSING_SUPPLIER_REPORT', 'NO_CMA']);
    const line = result.lines.find((l) => l.contractNumber === 'HT-B')!;
    const mismatch = line.findings.find((f) => f.code === 'CLIENT_MISMATCH')!;
    expect(mismatch.evidence[0]).toMatchObject({
      confirmClient: { client: '测试服饰有限公可', role: '供应商' },
    });
    expect(line.findings.find((f) => f.code === 'NO_CMA')?.message).toContain('12位数字');
  });
});

describe('dsv audit: acceptedDate in submissions.json', () => {
  let dir = '';
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('When a line carries acceptedDate, then the school-side window counts from it', async () => {
    dir = writeAuditFolder({ c1: contract({ contractNumber: 'HT-C' }), sup: report(), sch: schoolReport() }, [
      { contract: 'c1', lines: [{ lineNo: 1, reports: ['sup', 'sch'], acceptedDate: '2024-06-20' }] },
    ]);
    const result = await runAudit(dir, ['--as-of', '2024-12-31']);
    expect(codesByLine(result)['HT-C#1']).toEqual(['REPORT_OUT_OF_DATE_WINDOW']);
    expect(result.lines[0]?.findings[0]?.message).toContain('验收日期2024-06-20');
  });
});
