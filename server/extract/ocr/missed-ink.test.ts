import sharp from 'sharp';
import { findMissedInk, readingOfMissedInk, type PixelBox } from './missed-ink';

/**
 * A page of a test report drawn as SVG and rendered by sharp: a ruled table of three columns
 * (item, result, verdict), text in DejaVu Sans 24 px, and marks standing alone in verdict cells.
 * `boxes` are where a text detector would box the printed words (what PaddleOCR's detector found).
 */
const W = 1000;
const H = 760;
const ROWS = [140, 200, 260, 320, 380, 440];
const COLS = [100, 460, 700, 900];
const TEXT = [
  ['检验项目', '检验结果', '判定'],
  ['Lead', '12', '合格'],
  ['Cadmium', 'ND', ''],
  ['Nickel', '0.3', ''],
  ['Chromium', '5', ''],
];

const hLine = (y: number | undefined, x1 = COLS[0], x2 = COLS[3]) =>
  `<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" stroke="black" stroke-width="2"/>`;
const vLine = (x: number | undefined, y1 = ROWS[0], y2 = ROWS[5]) =>
  `<line x1="${x}" y1="${y1}" x2="${x}" y2="${y2}" stroke="black" stroke-width="2"/>`;
/** The table's words, each in its cell. */
const WORDS_SVG = TEXT.flatMap((row, r) =>
  row.map(
    (t, c) =>
      `<text x="${(COLS[c] ?? 0) + 14}" y="${(ROWS[r] ?? 0) + 40}" font-family="DejaVu Sans" font-size="24">${t}</text>`,
  ),
).join('');
const TITLE_SVG = `<text x="100" y="90" font-family="DejaVu Sans" font-size="24">Test report No. 2026-001</text>`;

/** A white page holding `body` (SVG elements). */
const svgPage = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="white"/>${body}</svg>`;

/** The ruled table with its title and words, and `extra`. */
function pageSvg(extra: string): string {
  return svgPage(
    TITLE_SVG + [...ROWS.map((y) => hLine(y)), ...COLS.map((x) => vLine(x))].join('') + WORDS_SVG + extra,
  );
}

/** Boxes of the printed words, as a detector gives them (one per non-empty cell, and the title). */
function detectedBoxes(): PixelBox[] {
  const boxes: PixelBox[] = [{ x0: 96, y0: 64, x1: 440, y1: 98 }];
  TEXT.forEach((row, r) =>
    row.forEach((t, c) => {
      if (!t) return;
      const x0 = (COLS[c] ?? 0) + 10;
      const y0 = (ROWS[r] ?? 0) + 14;
      boxes.push({ x0, y0, x1: x0 + 16 * t.length + 30, y1: y0 + 34 });
    }),
  );
  return boxes;
}

async function renderSvg(svg: string) {
  const { data, info } = await sharp(Buffer.from(svg))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 1 as const };
}
const render = (extra: string) => renderSvg(pageSvg(extra));

const mark = (ch: string, x: number, y: number) =>
  `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="26">${ch}</text>`;
const inside = (b: PixelBox, x: number, y: number) => b.x0 <= x && b.x1 >= x && b.y0 <= y && b.y1 >= y;

describe('findMissedInk', () => {
  it('finds each mark alone in a verdict cell that no detected box covers, and only those', async () => {
    // √ in the Cadmium row, × in the Nickel row, P in the Chromium row (verdict column 700..900)
    const page = await render(mark('√', 790, 300) + mark('×', 790, 360) + mark('P', 790, 420));
    const crops = findMissedInk(page, detectedBoxes()).map((g) => g.box);
    expect(crops).toHaveLength(3);
    for (const [x, y] of [
      [800, 290],
      [800, 350],
      [800, 410],
    ] as const) {
      expect(crops.some((c) => inside(c, x, y))).toBe(true);
    }
    // tight around the glyph: no ruling line inside the crop
    for (const c of crops) {
      expect(c.y1 - c.y0).toBeLessThan(40);
      expect(ROWS.some((y) => y > c.y0 + 1 && y < c.y1 - 1)).toBe(false);
    }
  });

  it('leaves marks the detector boxed alone', async () => {
    const page = await render(mark('√', 790, 300));
    const boxes = [...detectedBoxes(), { x0: 780, y0: 270, x1: 830, y1: 310 }];
    expect(findMissedInk(page, boxes)).toEqual([]);
  });

  it('finds no glyph in noise: specks, a broken rule, a ruled page without marks, a blot, a seal arc, ink outside the table', async () => {
    const specks = Array.from(
      { length: 40 },
      (_, i) =>
        `<circle cx="${120 + ((i * 97) % 760)}" cy="${150 + ((i * 53) % 280)}" r="1.5" fill="black"/>`,
    ).join('');
    // a stretch of a rule left after a seal was lifted: a short thick dash on the cell's edge
    const stub = `<line x1="720" y1="260" x2="760" y2="260" stroke="black" stroke-width="3"/>`;
    const blot = `<rect x="740" y="385" width="40" height="40" fill="black"/>`;
    const arc = `<path d="M 480 330 A 120 120 0 0 1 690 330" stroke="black" stroke-width="3" fill="none"/>`;
    const outside = mark('√', 500, 600);
    const page = await render(specks + stub + blot + arc + outside);
    expect(findMissedInk(page, detectedBoxes())).toEqual([]);
  });

  it('finds a mark anywhere on a page without ruling lines, but not on the page border', async () => {
    const page = await renderSvg(svgPage(WORDS_SVG + mark('√', 790, 300) + mark('√', 4, 740)));
    const crops = findMissedInk(page, detectedBoxes().slice(1)).map((g) => g.box);
    expect(crops).toHaveLength(1);
    expect(inside(crops[0]!, 800, 290)).toBe(true);
  });

  it('finds a mark in a table drawn without column lines (三线表) on a page where another table draws them lower down', async () => {
    // the three-line table: a rule above the header, one under it, one under the body; no column lines
    const threeLine = [ROWS[0], ROWS[1], ROWS[5]].map((y) => hLine(y)).join('');
    // below it a gridded box (a signature block): four column lines, two rows
    const grid = [
      ...[520, 580, 640].map((y) => hLine(y)),
      ...[100, 360, 630, 900].map((x) => vLine(x, 520, 640)),
    ].join('');
    const page = await renderSvg(svgPage(threeLine + grid + WORDS_SVG + mark('√', 790, 300)));
    const crops = findMissedInk(page, detectedBoxes().slice(1)).map((g) => g.box);
    expect(crops).toHaveLength(1);
    expect(inside(crops[0]!, 800, 290)).toBe(true);
  });

  it('finds a mark with a speck beside it (what a lifted seal leaves), but not one with more ink around it', async () => {
    const speck = `<circle cx="822" cy="290" r="2" fill="black"/>`;
    const specked = findMissedInk(await render(mark('√', 790, 300) + speck), detectedBoxes()).map(
      (g) => g.box,
    );
    expect(specked).toHaveLength(1);
    expect(inside(specked[0]!, 800, 290)).toBe(true);
    const more = `<circle cx="822" cy="290" r="2" fill="black"/><circle cx="778" cy="300" r="2" fill="black"/>`;
    expect(findMissedInk(await render(mark('√', 790, 300) + more), detectedBoxes())).toEqual([]);
  });

  it('looks for nothing on a page with too few detected boxes to know its text height', async () => {
    const page = await render(mark('√', 790, 300));
    expect(findMissedInk(page, detectedBoxes().slice(0, 3))).toEqual([]);
  });
});

describe('readingOfMissedInk', () => {
  it('keeps a short confident reading', () => {
    expect(readingOfMissedInk({ text: '√', mean: 0.93 })).toEqual({ text: '√', mean: 0.93 });
    expect(readingOfMissedInk({ text: ' P ', mean: 0.9 })).toEqual({ text: 'P', mean: 0.9 });
  });

  it('keeps an unsure reading of a sign OCR reads a check mark as ("<", "V"), which the parser flags for review', () => {
    expect(readingOfMissedInk({ text: '<', mean: 0.49 })).toEqual({ text: '<', mean: 0.49 });
    expect(readingOfMissedInk({ text: 'V', mean: 0.69 })).toEqual({ text: 'V', mean: 0.69 });
    expect(readingOfMissedInk({ text: '<', mean: 0.3 })).toBeNull();
  });

  it('drops unsure, long or punctuation-only readings', () => {
    expect(readingOfMissedInk({ text: '√', mean: 0.6 })).toBeNull();
    expect(readingOfMissedInk({ text: '7', mean: 0.6 })).toBeNull();
    expect(readingOfMissedInk({ text: 'V3', mean: 0.99 })).toBeNull();
    expect(readingOfMissedInk({ text: '.', mean: 0.99 })).toBeNull();
    expect(readingOfMissedInk({ text: '', mean: 0.99 })).toBeNull();
  });
});
