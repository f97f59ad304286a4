/**
 * `dsv audit` over the development corpus (truth extractions + submissions.json) reproduces every
 * expected finding per contract line and the market-supervision list of scenario.json exactly.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAuditCommand } from '../../server/cli/audit-command';
import { runAudit, type AuditJson } from '../helpers/audit-folder';
import { expectedLineFindings, expectedSamplingList } from '../helpers/scenario-rule-updates';

const SHARED = path.resolve(__dirname, '../../../shared');
const CORPUS = path.join(SHARED, 'corpus/dev');

interface ScenarioLine {
  lineNo: number;
  expected: { compliant: boolean; findings: string[] };
}
interface Scenario {
  contracts: { contractNumber: string; lines: ScenarioLine[] }[];
  samplingList: {
    supplier: string;
    uscc: string;
    severity: string;
    reasons: string[];
    schools: string[];
    contracts: string[];
    score: number;
    maxWeight: number;
  }[];
}

const scenario = JSON.parse(fs.readFileSync(path.join(CORPUS, 'scenario.json'), 'utf8')) as Scenario;

function copyCorpus(withSubmissions: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-audit-'));
  fs.copyFileSync(path.join(CORPUS, 'scenario.json'), path.join(dir, 'scenario.json'));
  fs.cpSync(path.join(CORPUS, 'truth'), path.join(dir, 'truth'), { recursive: true });
  if (withSubmissions) {
    execFileSync('node', [path.join(SHARED, 'tools/make-submissions.mjs'), dir, 'truth'], {
      stdio: 'ignore',
    });
  } else {
    fs.rmSync(path.join(dir, 'scenario.json'));
  }
  return dir;
}

function expectScenarioReproduced(result: AuditJson): void {
  const expected = new Map<string, string[]>();
  for (const c of scenario.contracts) {
    // Lines where a sourced registry rule contradicts scenario.json get the rule's codes
    // (test/helpers/scenario-rule-updates.ts names each rule).
    for (const l of c.lines) {
      expected.set(
        `${c.contractNumber}#${l.lineNo}`,
        expectedLineFindings(c.contractNumber, l.lineNo, l.expected.findings),
      );
    }
  }
  const got = new Map<string, string[]>(
    result.lines.map((l) => [`${l.contractNumber}#${l.lineNo}`, l.findings.map((f) => f.code).sort()]),
  );
  expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
  for (const l of result.lines) expect(l.compliant).toBe(l.findings.length === 0);

  expect(
    result.samplingList.map((e) => ({
      supplier: e.supplier,
      uscc: e.uscc,
      severity: e.risk,
      reasons: e.reasons,
      schools: e.schools,
      contracts: e.contracts,
      score: e.score,
      maxWeight: e.maxWeight,
    })),
  ).toEqual(
    expectedSamplingList(scenario.samplingList).map((e) => ({
      supplier: e.supplier,
      uscc: e.uscc,
      severity: e.severity,
      reasons: e.reasons,
      schools: e.schools,
      contracts: e.contracts,
      score: e.score,
      maxWeight: e.maxWeight,
    })),
  );
  expect(result.samplingList.map((e) => e.rank)).toEqual(
    expectedSamplingList(scenario.samplingList).map((_, i) => i + 1),
  );
}

describe('dsv audit over the development corpus', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyCorpus(true);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('When audited with submissions.json as of today, then every expected finding and the sampling list are reproduced exactly', async () => {
    const result = await runAudit(dir, ['--as-of', '2026-11-28']);
    expect(result.registryVersion).toBe('2026.1');
    expect(result.district).toEqual({ name: '江州市涪溪区', bureau: '江州市涪溪区教育委员会' });
    expect(result.matching.mode).toBe('submissions');
    expectScenarioReproduced(result);
  });

  it('When audited as of 2024-12-31 (registry 2024.1, as scenario.json), then the same findings and list', async () => {
    const result = await runAudit(dir, ['--as-of', '2024-12-31']);
    expect(result.registryVersion).toBe('2024.1');
    expectScenarioReproduced(result);
  });

  it('When a finding is reported, then its evidence names the submitted file and item', async () => {
    const result = await runAudit(dir, ['--as-of', '2026-11-28']);
    const line = result.lines.find((l) => l.contractNumber === 'FXJC-2024-XF025' && l.lineNo === 1);
    const failed = line?.findings.find((f) => f.code === 'ITEM_FAILED');
    expect(failed?.severity).toBe('high');
    expect(failed?.evidence).toEqual([
      expect.objectContaining({ file: 'truth/doc-042.json', item: '甲醛含量' }),
    ]);
    expect(failed?.message).toMatch(/甲醛含量/);
  });
});

describe('dsv audit without submissions.json', () => {
  it('When reports must be matched by supplier, school, product and model, then the guesses are listed and the supplier ranking holds', async () => {
    const dir = copyCorpus(false);
    try {
      const result = await runAudit(dir, ['--as-of', '2026-11-28']);
      expect(result.matching.mode).toBe('guessed');
      expect(result.matching.guessed.length).toBeGreaterThanOrEqual(44);
      expect(result.matching.unmatched).toEqual([]);
      // Guessing attaches 博雅's BY24-D10 supplier report without 燃烧性能 (doc-040) to both BY24-D10
      // lines, so 博雅 gains REQUIRED_ITEM_MISSING on JZCG2024-5934 (score 254) and ranks above 蓉华 (237).
      const boya = '江州市博雅学生服装有限公司';
      const guessedOrder = expectedSamplingList(scenario.samplingList)
        .map((e) => e.supplier)
        .filter((n) => n !== boya);
      guessedOrder.splice(guessedOrder.indexOf('成都蓉华制衣有限公司'), 0, boya);
      expect(result.samplingList.map((e) => e.supplier)).toEqual(guessedOrder);
      for (const l of result.lines) for (const r of l.reports) expect(r.guessed).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dsv audit on bad input', () => {
  it('When submissions.json is malformed, then it exits 1 with a Chinese message and prints no JSON', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-audit-bad-'));
    fs.writeFileSync(path.join(dir, 'submissions.json'), '{"submissions": 3}');
    let err = '';
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    });
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runAuditCommand([dir, '--json'])).toBe(1);
      expect(err).toContain('submissions.json 格式不正确');
      expect(stdout).not.toHaveBeenCalled();
      expect(await runAuditCommand([path.join(dir, 'missing')])).toBe(2);
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
