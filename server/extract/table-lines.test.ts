import sharp from 'sharp';
import { latticeGrids } from '../../parsers/table/lattice';
import { prepareImage } from './image-prep';
import { detectTableLines, rotateRules } from './table-lines';

// an A4 page at 200 dpi with a ruled table: 6 columns, 9 rows, text in every cell
const W = 1654;
const H = 2339;
const COLS = [150, 260, 620, 760, 1050, 1300, 1500];
const ROWS = Array.from({ length: 10 }, (_, i) => 600 + i * 70);
const CELL_TEXT = ['序号', '检验项目', '单位', '标准要求', '检验结果', '单项判定'];

function tableSvg(opts: { block?: boolean; lines?: boolean } = {}): Buffer {
  const lines = opts.lines ?? true;
  const parts: string[] = [`<rect width="${W}" height="${H}" fill="white"/>`];
  parts.push(
    `<text x="400" y="300" font-family="WenQuanYi Micro Hei" font-size="64">检验报告 一二三 ——</text>`,
  );
  if (lines) {
    for (const y of ROWS) {
      parts.push(`<line x1="150" y1="${y}" x2="1500" y2="${y}" stroke="black" stroke-width="2"/>`);
    }
    for (const x of COLS) {
      parts.push(
        `<line x1="${x}" y1="600" x2="${x}" y2="${ROWS[ROWS.length - 1]}" stroke="black" stroke-width="2"/>`,
      );
    }
  }
  ROWS.slice(0, -1).forEach((y, r) => {
    COLS.slice(0, -1).forEach((x, c) => {
      const t = r === 0 ? CELL_TEXT[c] : c === 1 ? '耐水色牢度 变色' : c === 5 ? '符合' : `${r}.${c}`;
      parts.push(
        `<text x="${x + 12}" y="${y + 46}" font-family="WenQuanYi Micro Hei" font-size="30">${t}</text>`,
      );
    });
  });
  if (opts.block) parts.push(`<rect x="1300" y="150" width="180" height="180" fill="black"/>`);
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${parts.join('')}</svg>`,
  );
}

/** A red seal stamped over the table's right columns (ink over print: multiplied). */
const SEAL = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="white"/>` +
    `<circle cx="1250" cy="800" r="160" fill="none" stroke="rgb(220,30,40)" stroke-width="10"/>` +
    `<line x1="1100" y1="800" x2="1400" y2="800" stroke="rgb(220,30,40)" stroke-width="6"/></svg>`,
);

/** A scanner's copy of a sealed page: turned a little, blurred, noisy, JPEG. */
async function degrade(svg: Buffer, skew: number): Promise<Buffer> {
  const sealed = await sharp(svg)
    .composite([{ input: SEAL, blend: 'multiply' }])
    .png()
    .toBuffer();
  const { data, info } = await sharp(sealed)
    .rotate(skew, { background: 'white' })
    .blur(1.1)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff - 0.5) * 2;
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, (data[i] ?? 0) + rnd() * 30));
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .jpeg({ quality: 55 })
    .toBuffer();
}

const horizontal = (b: { x0: number; x1: number; y0: number; y1: number }) => b.x1 - b.x0 > b.y1 - b.y0;

describe('table lines on a page image', () => {
  it('When a clean ruled table is drawn, then its row and column borders are found where drawn', async () => {
    const { data, info } = await sharp(tableSvg()).greyscale().raw().toBuffer({ resolveWithObject: true });
    const rules = detectTableLines(data, info.width, info.height);
    const hs = rules.filter(horizontal).map((b) => ((b.y0 + b.y1) / 2) * H);
    const vs = rules.filter((b) => !horizontal(b)).map((b) => ((b.x0 + b.x1) / 2) * W);
    expect(hs.sort((a, b) => a - b).map(Math.round)).toEqual(ROWS.map((y) => expect.closeTo(y, 0) as number));
    expect(vs.length).toBe(COLS.length);
    vs.sort((a, b) => a - b).forEach((x, i) => expect(Math.abs(x - (COLS[i] ?? 0))).toBeLessThan(3));
  });

  it('When text and a filled block have no table, then no line is found', async () => {
    const { data, info } = await sharp(tableSvg({ lines: false, block: true }))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(detectTableLines(data, info.width, info.height)).toEqual([]);
  });

  it('When a scan is askew, blurred, noisy, JPEG-compressed and sealed in red, then the grid still forms with every cell', async () => {
    const scan = await degrade(tableSvg(), 0.6);
    const prepared = await prepareImage(scan, { dpi: 200, deskew: false });
    const hs = prepared.rules.filter(horizontal);
    const vs = prepared.rules.filter((b) => !horizontal(b));
    expect(hs).toHaveLength(ROWS.length);
    expect(vs).toHaveLength(COLS.length);
    // the lines become the grid the table reader uses, one cell per printed cell
    const { grids } = latticeGrids([], prepared.rules, 1, true);
    expect(grids).toHaveLength(1);
    expect(grids[0]?.xs).toHaveLength(COLS.length);
    expect(grids[0]?.ys).toHaveLength(ROWS.length);
    expect(grids[0]?.cells).toHaveLength((COLS.length - 1) * (ROWS.length - 1));
  }, 120_000);

  it('When the engine turned the page upright, then the rules turn with it', () => {
    const rule = { x0: 0.1, y0: 0.2, x1: 0.5, y1: 0.21 };
    expect(rotateRules([rule], 90)[0]).toEqual({ x0: 0.79, y0: 0.1, x1: 0.8, y1: 0.5 });
    expect(rotateRules([rule], 180)[0]).toEqual({ x0: 0.5, y0: 0.79, x1: 0.9, y1: 0.8 });
    expect(rotateRules([rule], 270)[0]).toEqual({ x0: 0.2, y0: 0.5, x1: 0.21, y1: 0.9 });
    expect(rotateRules([rule], 0)).toEqual([rule]);
  });
});
