/**
 * The runtime extraction schema is the spec's shape: every ground-truth file of the corpus (written to
 * shared/spec/extraction.md) conforms, and documents that break the spec are refused with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { asExtraction, ExtractionSchema, storedExtraction } from '../../parsers/extraction-schema';

const TRUTH = path.resolve(__dirname, '../../../shared/corpus/dev/truth');
const truths = fs
  .readdirSync(TRUTH)
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) => [f, JSON.parse(fs.readFileSync(path.join(TRUTH, f), 'utf8')) as Record<string, unknown>] as const,
  );

test('When the corpus truth is read, then every report and contract conforms to the schema', () => {
  expect(truths.length).toBeGreaterThan(10);
  const failing = truths.filter(([, t]) => !ExtractionSchema.safeParse(t).success).map(([f]) => f);
  expect(failing).toEqual([]);
  expect(new Set(truths.map(([, t]) => t.kind))).toEqual(new Set(['test_report', 'contract']));
});

describe('When an extraction breaks the spec, then it is refused', () => {
  const report = truths.find(([, t]) => t.kind === 'test_report')![1];
  const contract = truths.find(([, t]) => t.kind === 'contract')![1];
  const cases: [string, Record<string, unknown>][] = [
    [
      'a verdict outside pass/fail/n/a',
      {
        ...report,
        items: [{ name: '甲醛含量', unit: null, requirement: null, result: '16', verdict: 'ok' }],
      },
    ],
    ['items missing', { ...report, items: undefined }],
    [
      'an issue date not YYYY-MM-DD',
      { ...report, dates: { received: null, tested: null, issued: '2024年7月16日' } },
    ],
    ['a safety class D', { ...report, sample: { ...(report.sample as object), safetyClass: 'D' } }],
    ['an unknown kind', { ...report, kind: 'invoice' }],
    [
      'a contract line without product',
      {
        ...contract,
        lines: [{ category: null, model: null, quantity: 1, unit: null, unitPrice: null, amount: null }],
      },
    ],
    [
      'a quantity as text',
      {
        ...contract,
        lines: [
          {
            product: '校服',
            category: 'school_uniform',
            model: null,
            quantity: '十',
            unit: null,
            unitPrice: null,
            amount: null,
          },
        ],
      },
    ],
  ];
  test.each(cases)('%s', (_name, value) => {
    expect(asExtraction(value)).toBeNull();
    expect(() => storedExtraction(value)).toThrow(/spec's shape/);
  });
});

test('When extras are present (confidence, boxes, review flags), then they are kept', () => {
  const report = truths.find(([, t]) => t.kind === 'test_report')![1];
  const withExtras = {
    ...report,
    fields: {
      reportNumber: { confidence: 0.9, page: 1, box: { x0: 0, y0: 0, x1: 0.5, y1: 0.1 }, source: 'No.' },
    },
    review: [{ path: 'client', reason: 'missing', message: '未读到委托单位' }],
    form: 'photo',
  };
  expect(storedExtraction(withExtras)).toEqual(withExtras);
  expect(storedExtraction(null)).toBeNull();
});
