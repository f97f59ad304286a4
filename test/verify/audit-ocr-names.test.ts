/**
 * `dsv audit` has no district whose registered names could decode an OCR misreading of a party name;
 * the folder's text layers print the parties instead. One real photo is OCR'd here (the whole corpus
 * is `npm run bench:audit`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAudit } from '../helpers/audit-folder';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');
// OCR of a photo takes seconds on an idle machine; shared machines are several times slower.
jest.setTimeout(300_000);

/** A folder of corpus documents and its submissions.json: contract file → line 1's reports. */
function folder(submissions: Record<string, string[]>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-audit-names-'));
  fs.mkdirSync(path.join(dir, 'docs'));
  for (const f of Object.entries(submissions).flat(2)) {
    fs.copyFileSync(path.join(CORPUS, 'docs', f), path.join(dir, 'docs', f));
  }
  fs.writeFileSync(
    path.join(dir, 'submissions.json'),
    JSON.stringify({
      submissions: Object.entries(submissions).map(([contract, reports]) => ({
        contract: `docs/${contract}`,
        lines: [{ lineNo: 1, reports: reports.map((r) => `docs/${r}`) }],
      })),
    }),
  );
  return dir;
}

describe('dsv audit decodes OCR-read party names against the folder’s text layers', () => {
  // JZCG2024-4740 (text PDF) line 1 with the school-side report only: a photo (doc-032) commissioned
  // by the bureau, whose 涪 OCR drops; the bureau's name is printed by the text-PDF report of another
  // contract of the folder (桂湖小采〔2024〕8号, doc-037).
  const dir = folder({ 'doc-014.pdf': ['doc-032.png'], 'doc-053.pdf': ['doc-037.pdf'] });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('When a photographed report’s client is misread, then it is taken as the bureau a text-PDF report names, flagged for checking, and counts as the school side', async () => {
    const result = await runAudit(dir, ['--as-of', '2024-12-31']);
    const line = result.lines.find((l) => l.contractNumber === 'JZCG2024-4740' && l.lineNo === 1);
    const codes = line?.findings.map((f) => f.code) ?? [];
    expect(codes).not.toContain('CLIENT_MISMATCH');
    expect(codes).not.toContain('MISSING_PURCHASER_REPORT');
    // the supplier's report was not handed in
    expect(codes).toContain('MISSING_SUPPLIER_REPORT');
    expect(line?.reports).toEqual([expect.objectContaining({ file: 'docs/doc-032.png', side: 'purchaser' })]);
    // what OCR read is shown, to be checked against the original
    expect(result.nameReadings).toEqual([
      {
        file: 'docs/doc-032.png',
        path: 'client',
        reason: 'name_decoded',
        message: expect.stringContaining('已按同批文本文件所载名称更正为“江州市涪溪区教育委员会”'),
      },
    ]);
  });
});
