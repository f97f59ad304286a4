import {
  decodeCtc,
  fitLineMargins,
  isGlyphCrop,
  MARGIN_HORIZONTAL,
  MARGIN_VERTICAL,
  type RgbaImage,
} from './recognition';

/** Softmax-like output: one row per time step, `winner` gets probability p, the rest share 1 − p. */
function output(steps: Array<[number, number]>, classes: number): Float32Array {
  const out = new Float32Array(steps.length * classes);
  steps.forEach(([winner, p], t) => {
    for (let c = 0; c < classes; c++) out[t * classes + c] = c === winner ? p : (1 - p) / (classes - 1);
  });
  return out;
}

describe('decodeCtc', () => {
  const dictionary = ['涪', '≤', '2', '0'];

  it('drops blanks, merges a class repeated in consecutive steps and keeps a repeat split by a blank', () => {
    const probs = output(
      [
        [1, 0.9],
        [1, 0.7],
        [0, 0.99],
        [2, 0.8],
        [3, 0.6],
        [0, 0.99],
        [4, 1],
        [0, 0.9],
        [4, 1],
      ],
      5,
    );
    const r = decodeCtc(probs, 9, 5, dictionary);
    expect(r.text).toBe('涪≤200');
    // one probability per character: the first step of each run
    expect(r.mean).toBeCloseTo((0.9 + 0.8 + 0.6 + 1 + 1) / 5, 5);
  });

  it('reads nothing from all blanks', () => {
    expect(decodeCtc(output([[0, 1]], 5), 1, 5, dictionary)).toEqual({ text: '', mean: 0 });
  });
});

/** A white crop with a black bar (the "ink") at the given rows and columns. */
function crop(
  width: number,
  height: number,
  ink: { x0: number; x1: number; y0: number; y1: number },
): RgbaImage {
  const data = new Uint8Array(width * height * 4).fill(255);
  for (let y = ink.y0; y <= ink.y1; y++) {
    for (let x = ink.x0; x <= ink.x1; x++) {
      const i = (y * width + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = 0;
    }
  }
  return { data, width, height };
}

const darkRows = (img: RgbaImage) =>
  Array.from({ length: img.height }, (_, y) => y).filter((y) =>
    Array.from({ length: img.width }, (_, x) => img.data[(y * img.width + x) * 4]!).some((v) => v < 128),
  );

describe('fitLineMargins', () => {
  it('pads a tight crop to margins proportional to its ink height', () => {
    // a one-character cell: 20 px of ink, 1 px of room
    const out = fitLineMargins(crop(22, 22, { x0: 1, x1: 20, y0: 1, y1: 20 }));
    expect(out.height).toBe(20 + 2 * Math.round(MARGIN_VERTICAL * 20));
    expect(out.width).toBe(20 + 2 * Math.round(MARGIN_HORIZONTAL * 20));
    const rows = darkRows(out);
    expect(rows[0]).toBe(Math.round(MARGIN_VERTICAL * 20));
    expect(rows.length).toBe(20);
  });

  it('keeps a crop with room enough as it is, a table rule in it included', () => {
    const img = crop(300, 80, { x0: 50, x1: 250, y0: 30, y1: 49 });
    // a ruling line across the whole crop below the text
    for (let x = 0; x < 300; x++) {
      const i = (75 * 300 + x) * 4;
      img.data[i] = img.data[i + 1] = img.data[i + 2] = 0;
    }
    expect(fitLineMargins(img)).toBe(img);
  });

  it('pads only the side that lacks room and keeps a faint mark beside the ink', () => {
    // ink reaching the bottom edge; a light grey minus sign left of it
    const img = crop(60, 30, { x0: 20, x1: 49, y0: 10, y1: 29 });
    for (let x = 12; x <= 16; x++) {
      const i = (20 * 60 + x) * 4;
      img.data[i] = img.data[i + 1] = img.data[i + 2] = 170;
    }
    const out = fitLineMargins(img);
    expect(out.width).toBe(60);
    expect(out.height).toBe(30 + Math.round(MARGIN_VERTICAL * 20));
    // the minus sign is still there
    expect(out.data[(20 * 60 + 14) * 4]).toBe(170);
  });

  it('returns a crop without clear ink unchanged', () => {
    const blank = crop(40, 20, { x0: 0, x1: -1, y0: 0, y1: -1 });
    expect(fitLineMargins(blank)).toBe(blank);
  });
});

describe('isGlyphCrop', () => {
  const box = (x0: number, y0: number, x1: number, y1: number) => [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  // boxes the detector found on a generated scan (1687 × 2364 px) whose readings the package dropped
  it('When a detected box holds one check mark in its cell, then it is read again', () => {
    expect(isGlyphCrop(box(1489, 779, 1513, 814), 2364)).toBe(true);
    expect(isGlyphCrop(box(1491, 1480, 1511, 1511), 2364)).toBe(true);
  });
  it('When a box is a line of text (a seal caption) or a speck, then it is not', () => {
    expect(isGlyphCrop(box(1243, 1560, 1387, 1587), 2364)).toBe(false);
    expect(isGlyphCrop(box(1204, 335, 1211, 344), 2364)).toBe(false);
  });
});
