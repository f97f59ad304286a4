/**
 * `dsv extract FILE --json` as another program runs it: the spec's shape on stdout and exit code 0 for a
 * text PDF of the dev corpus; a clear error (code + Chinese message) and exit code 1 for a file that is
 * not a document. And the made-up documents it parses while the sandbox starts still read as a report
 * and a contract, so that warming up keeps exercising the parsers' table and label code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runExtractCommand } from './extract-command';
import { warmUpParsers } from './warm-up';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');

interface Truth {
  kind: string;
  file: string;
  form: string;
  reportNumber?: string;
  items?: { name: string; verdict: string }[];
}

function firstTextReport(): Truth {
  const truths = fs
    .readdirSync(path.join(CORPUS, 'truth'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(CORPUS, 'truth', f), 'utf8')) as Truth);
  const t = truths.find((x) => x.kind === 'test_report' && x.form === 'text_pdf');
  if (!t) throw new Error('the dev corpus has no text-PDF report');
  return t;
}

/**
 * Runs the command in this process. Always with --no-ocr: with an OCR provider the command arms a
 * safety-net process.exit for OCR threads outliving it, which would end the test worker.
 */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  try {
    const code = await runExtractCommand([...args, '--no-ocr']);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('dsv extract FILE --json', () => {
  jest.setTimeout(60_000);

  it('prints the extraction of a text PDF report in the spec shape', async () => {
    const truth = firstTextReport();
    const { code, stdout } = await run([path.join(CORPUS, truth.file), '--json']);
    expect(code).toBe(0);
    const x = JSON.parse(stdout) as Record<string, unknown> & { items: { verdict: string }[] };
    expect(x.kind).toBe('test_report');
    expect(x.form).toBe('text_pdf');
    expect(x.reportNumber).toBe(truth.reportNumber);
    for (const key of ['lab', 'sample', 'dates', 'standards', 'items', 'conclusion', 'pages']) {
      expect(x).toHaveProperty(key);
    }
    expect(x.items.map((i) => i.verdict)).toEqual(truth.items?.map((i) => i.verdict));
  });

  it('refuses a file that is no document with a code and a Chinese message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-extract-'));
    const file = path.join(dir, 'notes.pdf');
    fs.writeFileSync(file, 'these are not the bytes of a PDF');
    try {
      const { code, stdout, stderr } = await run([file, '--json']);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^错误 \[[A-Z_]+\]：[\u4e00-\u9fff]/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the parse while the PDF sandbox starts', () => {
  it('reads its made-up report and contract in full', () => {
    const [report, contract] = warmUpParsers();
    expect(report).toMatchObject({ kind: 'test_report', reportNumber: 'WARM-0001' });
    expect(report?.kind === 'test_report' && report.items.map((i) => i.verdict)).toEqual([
      'pass',
      'pass',
      'pass',
      'fail',
    ]);
    expect(contract).toMatchObject({ kind: 'contract', contractNumber: 'WARM-HT-0001', totalAmount: 12000 });
    expect(contract?.kind === 'contract' && contract.lines).toHaveLength(1);
  });
});
