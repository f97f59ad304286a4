import { bestLines, proposeLines } from './propose-line';
import { decideSide, matchName } from './parties';
import { registryByVersion } from './registry/registry';
import { BUREAU, contract, report, schoolReport, SCHOOL, SUPPLIER } from './testing/builders';
import type { EngineContract } from './types';

const reg = registryByVersion('2026.1')!;
const district = { name: '测试区', bureauName: BUREAU };

function twoLineContract(): EngineContract {
  const c = contract();
  c.lines.push({ ...c.lines[0]!, product: '冬季校服（棉服）', model: 'TS-002' });
  return {
    id: 'c1',
    file: 'c1.json',
    extraction: c,
    lines: c.lines.map((line, i) => ({ id: `L${i + 1}`, lineNo: i + 1, line, reportIds: [] })),
  };
}

describe('proposing the contract line of an unlinked report', () => {
  it('When the supplier and the model match line 2, then line 2 is proposed with the reason', () => {
    const r = {
      id: 'r',
      file: 'r.json',
      extraction: report({ sample: { ...report().sample, model: 'TS-002' } }),
    };
    const best = bestLines(proposeLines(r, [twoLineContract()], district, reg));
    expect(best.map((p) => p.lineId)).toEqual(['L2']);
    expect(best[0]?.reason).toContain('样品型号TS-002与合同明细一致');
  });

  it('When the school commissioned the report and the manufacturer is the supplier, then the model decides', () => {
    const r = { id: 'r', file: 'r.json', extraction: schoolReport() };
    expect(bestLines(proposeLines(r, [twoLineContract()], district, reg)).map((p) => p.lineId)).toEqual([
      'L1',
    ]);
  });

  it('When neither supplier nor model matches, then nothing is proposed', () => {
    const r = {
      id: 'r',
      file: 'r.json',
      extraction: report({
        client: '别家',
        manufacturer: '别家',
        sample: { ...report().sample, model: 'X-1' },
      }),
    };
    expect(proposeLines(r, [twoLineContract()], district, reg)).toEqual([]);
  });
});

describe('deciding a report side by its 委托单位', () => {
  const parties = { supplier: SUPPLIER, purchaser: SCHOOL };
  it('When the client is the supplier without its legal form, then it awaits confirmation (never silently the supplier)', () => {
    expect(decideSide('测试服饰', parties, district)).toMatchObject({
      side: 'other',
      near: { party: SUPPLIER, role: '供应商', confirmed: false },
    });
    // proposing a line may still use the loose match (a proposal is not a decision)
    expect(matchName('测试服饰有限责任公司', SUPPLIER)).toMatchObject({ matched: true, how: 'fuzzy' });
    expect(decideSide('测试服饰有限责任公司', parties, district, [], '测试服饰有限责任公司').side).toBe(
      'supplier',
    );
  });
  it('When the client is the bureau, then purchaser side; an unrelated factory counts for neither', () => {
    expect(decideSide(BUREAU, parties, district)).toMatchObject({
      side: 'purchaser',
      reason: expect.stringContaining('教育主管部门'),
    });
    expect(decideSide('某某被服厂', parties, district).side).toBe('other');
  });
});
