import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rulesFromOperators } from './pdf-geometry';
import { readPdfText } from './pdf-sandbox';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');

// operator codes as pdf.js numbers them (see OP in pdf-geometry.ts)
const SAVE = 10;
const RESTORE = 11;
const TRANSFORM = 12;
const STROKE = 20;
const FILL = 22;
const SET_STROKE = 58;
const SET_FILL = 59;
const PATH = 91;
const rect = (x: number, y: number, w: number, h: number) =>
  new Float32Array([0, x, y, 1, x + w, y, 1, x + w, y + h, 1, x, y + h, 3]);
const line = (x0: number, y0: number, x1: number, y1: number) => new Float32Array([0, x0, y0, 1, x1, y1]);
// a PDF page 200 × 100 pt: viewport flips y
const viewport = { width: 200, height: 100, transform: [1, 0, 0, -1, 0, 100] };

describe('ruling lines from drawing operators', () => {
  it('When borders are thin filled rectangles, then each is a rule; white and large fills are not', () => {
    const rules = rulesFromOperators(
      {
        fnArray: [SET_FILL, PATH, PATH, SET_FILL, PATH, SET_FILL, PATH],
        argsArray: [
          ['#000000'],
          [FILL, [rect(10, 90, 100, 0.75)], null],
          [FILL, [rect(10, 50, 0.75, 40)], null],
          ['#ffffff'],
          [FILL, [rect(10, 10, 100, 0.5)], null],
          ['#000000'],
          [FILL, [rect(0, 0, 200, 100)], null],
        ],
      },
      viewport,
    );
    expect(rules).toHaveLength(2);
    // horizontal rule at y = 100 - 90 (top-left origin), vertical one 40 pt tall
    expect(rules[0]).toMatchObject({ x0: 10, x1: 110 });
    expect(rules[0]!.y0).toBeCloseTo(9.25);
    expect(rules[1]!.y1 - rules[1]!.y0).toBeCloseTo(40);
  });

  it('When borders are stroked paths under a transform, then their straight pieces are rules', () => {
    const rules = rulesFromOperators(
      {
        fnArray: [SAVE, TRANSFORM, SET_STROKE, PATH, RESTORE, PATH],
        argsArray: [
          [],
          [2, 0, 0, 2, 0, 0],
          ['#000000'],
          [STROKE, [line(5, 5, 50, 5)], null],
          [],
          [STROKE, [line(5, 5, 5, 45)], null],
        ],
      },
      viewport,
    );
    expect(rules).toHaveLength(2);
    expect(rules[0]!.x1 - rules[0]!.x0).toBeCloseTo(90); // scaled by 2
    expect(rules[1]!.y1 - rules[1]!.y0).toBeCloseTo(40); // after restore: not scaled
  });

  it('When a shaded cell is filled, then its four edges are rules; curves are not', () => {
    const rules = rulesFromOperators(
      {
        fnArray: [SET_FILL, PATH, SET_STROKE, PATH],
        argsArray: [
          ['#dddddd'],
          [FILL, [rect(20, 20, 60, 20)], null],
          ['#000000'],
          [STROKE, [new Float32Array([0, 0, 0, 2, 10, 10, 20, 10, 30, 0])], null],
        ],
      },
      viewport,
    );
    expect(rules).toHaveLength(4);
  });
});

describe('page geometry of real text PDFs', () => {
  it('When a report draws a full grid, then its rows and columns are found among the rules', async () => {
    const pdf = await readPdfText(readFileSync(path.join(CORPUS, 'docs', 'doc-005.pdf')));
    const rules = pdf.layout[2]?.rules ?? [];
    const horizontal = rules.filter((r) => r.x1 - r.x0 > r.y1 - r.y0);
    const vertical = rules.filter((r) => r.y1 - r.y0 > r.x1 - r.x0);
    // the item table on page 3 has a header and 9 numbered items with sub-rows, six columns
    const distinct = (vs: number[]) => new Set(vs.map((v) => Math.round(v * 200))).size;
    expect(distinct(horizontal.map((r) => r.y0))).toBeGreaterThanOrEqual(15);
    expect(distinct(vertical.map((r) => r.x0))).toBeGreaterThanOrEqual(7);
  });

  it('When a report draws only horizontal rules, then no vertical rule is invented', async () => {
    const pdf = await readPdfText(readFileSync(path.join(CORPUS, 'docs', 'doc-001.pdf')));
    const rules = pdf.layout[0]?.rules ?? [];
    expect(rules.length).toBeGreaterThan(20);
    expect(rules.every((r) => r.x1 - r.x0 > r.y1 - r.y0)).toBe(true);
  });
});
