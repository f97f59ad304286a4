/**
 * `dsv audit` fed the documents themselves: the district's text PDFs go through the real extraction
 * (scans and photos are given as their truth extractions here — OCR of the whole corpus is the
 * `npm run bench:extract` benchmark, too slow for a test). The test prints how close the audit comes
 * to scenario.json and guards that closeness against regressions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runAudit } from '../helpers/audit-folder';
import { corpusAuditFolder } from '../helpers/corpus-folder';
import { expectedLineFindings, expectedSamplingList } from '../helpers/scenario-rule-updates';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');

interface Scenario {
  documents: { docId: string; file: string; form: string }[];
  contracts: {
    docId: string;
    contractNumber: string;
    lines: { lineNo: number; reports: string[]; expected: { findings: string[] } }[];
  }[];
  samplingList: { supplier: string; reasons: string[] }[];
}
const scenario = JSON.parse(fs.readFileSync(path.join(CORPUS, 'scenario.json'), 'utf8')) as Scenario;

describe('dsv audit over the documents themselves', () => {
  // scans and photos handed in as their truth extractions (text PDFs go through the real extraction)
  const dir = corpusAuditFolder(CORPUS, (d) =>
    d.form === 'text_pdf' ? null : path.join(CORPUS, 'truth', `${d.docId}.json`),
  );
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('text PDFs read by the service reproduce the expected findings and sampling list', async () => {
    const result = await runAudit(dir, ['--as-of', '2024-12-31', '--no-ocr']);
    const expected = new Map<string, string>();
    for (const c of scenario.contracts) {
      for (const l of c.lines) {
        // Sourced registry rules that contradict scenario.json: test/helpers/scenario-rule-updates.ts.
        expected.set(
          `${c.contractNumber}#${l.lineNo}`,
          expectedLineFindings(c.contractNumber, l.lineNo, l.expected.findings).join(','),
        );
      }
    }
    const got = new Map(
      result.lines.map((l) => [
        `${l.contractNumber}#${l.lineNo}`,
        l.findings
          .map((f) => f.code)
          .sort()
          .join(','),
      ]),
    );
    const exact = [...expected].filter(([k, v]) => got.get(k) === v).length;
    const order = result.samplingList.map((e) => e.supplier);
    const expectedOrder = expectedSamplingList(scenario.samplingList).map((e) => e.supplier);
    const misses = [...expected]
      .filter(([k, v]) => got.get(k) !== v)
      .map(([k, v]) => `${k}: expected [${v}] got [${got.get(k) ?? 'no line'}]`);
    process.stdout.write(
      `audit over documents: ${exact}/${expected.size} contract lines exact; sampling list order ${
        JSON.stringify(order) === JSON.stringify(expectedOrder) ? 'exact' : 'differs'
      }\n${misses.join('\n')}\n`,
    );
    expect(misses).toEqual([]);
    expect(order).toEqual(expectedOrder);
  }, 180_000);
});
