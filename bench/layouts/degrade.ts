/**
 * Turns a generated text PDF into what schools really upload: a scanned PDF (pages rasterised,
 * turned 0/90/180/270° or slightly askew, blurred, noisy, JPEG-compressed, a red seal stamped over
 * text) or a phone photo (perspective, uneven light, a background around the sheet, JPEG).
 * Deterministic: every random choice comes from a seed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';

export interface ScanOptions {
  /** quarter turns of the whole page (a landscape page fed portrait, a page upside down) */
  quarterTurns: 0 | 1 | 2 | 3;
  /** small skew in degrees */
  skew: number;
  blur: number;
  noise: number;
  jpegQuality: number;
  seal: boolean;
  dpi: number;
}

export interface PhotoOptions {
  /** corner displacement as a share of the page size */
  perspective: number;
  blur: number;
  noise: number;
  jpegQuality: number;
  seal: boolean;
  /** darkest corner of the lighting gradient, 0..1 of full light */
  shade: number;
  /** longest side of the photo in pixels */
  size: number;
}

/** Mulberry32: a small seeded generator (0..1), seeded by a string. */
export function seeded(seed: string): () => number {
  return mulberry32([...seed].reduce((h, c) => (Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0) + 1, 7));
}

/** Mulberry32 from a 32-bit state: the same numbers for the same state on every machine. */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every page of a PDF as PNG at `dpi` (poppler's pdftoppm, as the service uses for OCR). */
export function rasterise(pdf: Buffer, dpi: number): Buffer[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dsv-raster-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', path.join(dir, 'in.pdf'), path.join(dir, 'p')]);
    return readdirSync(dir)
      .filter((f) => f.startsWith('p') && f.endsWith('.png'))
      .sort()
      .map((f) => readFileSync(path.join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A round red 检验检测专用章 as SVG, `size` px wide. */
function sealSvg(size: number, label: string): Buffer {
  const r = size / 2 - 4;
  const chars = [...label];
  const arc = chars
    .map((ch, i) => {
      const a = Math.PI * (1.15 + (0.7 * i) / Math.max(1, chars.length - 1));
      const x = size / 2 + Math.cos(a) * r * 0.74;
      const y = size / 2 + Math.sin(a) * r * 0.74;
      const rot = (a * 180) / Math.PI + 90;
      return `<text x="${x}" y="${y}" font-size="${size * 0.11}" fill="rgb(220,30,40)" text-anchor="middle" dominant-baseline="middle" transform="rotate(${rot} ${x} ${y})" font-family="WenQuanYi Micro Hei">${ch}</text>`;
    })
    .join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><g opacity="0.78"><circle cx="${size / 2}" cy="${size / 2}" r="${r}" fill="none" stroke="rgb(220,30,40)" stroke-width="${size * 0.035}"/><text x="${size / 2}" y="${size / 2}" font-size="${size * 0.22}" fill="rgb(220,30,40)" text-anchor="middle" dominant-baseline="middle">★</text>${arc}<text x="${size / 2}" y="${size * 0.75}" font-size="${size * 0.09}" fill="rgb(220,30,40)" text-anchor="middle" font-family="WenQuanYi Micro Hei">检验检测专用章</text></g></svg>`,
  );
}

/** Stamps a seal over the lower right part of the page (where the conclusion and issue date are). */
async function stamp(png: Buffer, rand: () => number): Promise<Buffer> {
  const meta = await sharp(png).metadata();
  const w = meta.width ?? 1000;
  const h = meta.height ?? 1400;
  const size = Math.round(w * 0.22);
  const left = Math.round(w * (0.55 + rand() * 0.15));
  const top = Math.round(h * (0.5 + rand() * 0.2));
  return sharp(png)
    .composite([
      {
        input: sealSvg(size, '江州检验检测有限公司'),
        left: Math.min(left, w - size),
        top: Math.min(top, h - size),
      },
    ])
    .png()
    .toBuffer();
}

async function addNoise(img: Sharp, amount: number, rand: () => number): Promise<Buffer> {
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  if (amount > 0) {
    for (let i = 0; i < data.length; i++) {
      const n = (rand() + rand() + rand() - 1.5) * 2 * amount;
      data[i] = Math.max(0, Math.min(255, (data[i] ?? 0) + n));
    }
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .png()
    .toBuffer();
}

/** One page as a scanner gives it (JPEG). */
export async function scanPage(png: Buffer, o: ScanOptions, rand: () => number): Promise<Buffer> {
  let page = o.seal ? await stamp(png, rand) : png;
  // sharp applies one rotation per pipeline: the quarter turns first, then the skew
  if (o.quarterTurns) {
    page = await sharp(page)
      .rotate(o.quarterTurns * 90)
      .png()
      .toBuffer();
  }
  const turned = sharp(page)
    .rotate(o.skew, { background: { r: 255, g: 255, b: 255 } })
    .flatten({ background: '#ffffff' });
  page = await addNoise(o.blur > 0 ? turned.blur(o.blur) : turned, o.noise, rand);
  return sharp(page).jpeg({ quality: o.jpegQuality }).toBuffer();
}

/**
 * Perspective: the page mapped onto a quadrilateral (bilinear sampling through the inverse
 * homography), on a darker background, lit unevenly.
 */
export async function photoPage(png: Buffer, o: PhotoOptions, rand: () => number): Promise<Buffer> {
  const src = o.seal ? await stamp(png, rand) : png;
  const { data, info } = await sharp(src)
    .flatten({ background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const sw = info.width;
  const sh = info.height;
  const ch = info.channels;
  const scale = o.size / Math.max(sw, sh) / 1.12;
  const W = Math.round(sw * scale * 1.12);
  const H = Math.round(sh * scale * 1.12);
  const d = () => (rand() - 0.5) * 2 * o.perspective;
  const mx = (W - sw * scale) / 2;
  const my = (H - sh * scale) / 2;
  // destination corners of the sheet (tl, tr, br, bl)
  const q: [number, number][] = [
    [mx + d() * W, my + d() * H],
    [W - mx + d() * W, my + d() * H],
    [W - mx + d() * W, H - my + d() * H],
    [mx + d() * W, H - my + d() * H],
  ];
  const [a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 1] = invert(homography(q));
  const out = Buffer.alloc(W * H * 3);
  const bg = [92, 84, 74];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const z = a6 * x + a7 * y + a8;
      const u = ((a0 * x + a1 * y + a2) / z) * sw;
      const v = ((a3 * x + a4 * y + a5) / z) * sh;
      const light = 1 - (1 - o.shade) * ((x / W) * 0.6 + (y / H) * 0.4);
      const o3 = (y * W + x) * 3;
      if (u < 0 || v < 0 || u >= sw - 1 || v >= sh - 1) {
        for (let c = 0; c < 3; c++) out[o3 + c] = (bg[c] ?? 0) * light;
        continue;
      }
      const x0 = Math.floor(u);
      const y0 = Math.floor(v);
      const fx = u - x0;
      const fy = v - y0;
      for (let c = 0; c < 3; c++) {
        const i = (y0 * sw + x0) * ch + c;
        const top = (data[i] ?? 0) * (1 - fx) + (data[i + ch] ?? 0) * fx;
        const bottom = (data[i + sw * ch] ?? 0) * (1 - fx) + (data[i + sw * ch + ch] ?? 0) * fx;
        out[o3 + c] = (top * (1 - fy) + bottom * fy) * light * (c === 2 ? 0.93 : 1);
      }
    }
  }
  let img = sharp(out, { raw: { width: W, height: H, channels: 3 } });
  if (o.blur > 0) img = img.blur(o.blur);
  const noisy = await addNoise(img, o.noise, rand);
  return sharp(noisy).jpeg({ quality: o.jpegQuality }).toBuffer();
}

/** Homography mapping the unit square onto quad q (tl, tr, br, bl), as a row-major 3×3. */
function homography(q: [number, number][]): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / det;
  const h = (dx1 * sy - sx * dy1) / det;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert(m: number[]): number[] {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0, i = 0] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

/** JPEG pages → a PDF whose pages are those images (as a scanner's PDF is). */
export async function imagesToPdf(jpegs: Buffer[], dpi: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    length += buf.length;
  };
  const obj = (n: number, body: (Buffer | string)[]) => {
    offsets[n] = length;
    push(`${n} 0 obj\n`);
    body.forEach(push);
    push('\nendobj\n');
  };
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const pageIds = jpegs.map((_, i) => 3 + i * 3);
  obj(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  obj(2, [`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${jpegs.length} >>`]);
  for (let i = 0; i < jpegs.length; i++) {
    const jpeg = jpegs[i] as Buffer;
    const meta = await sharp(jpeg).metadata();
    const w = meta.width ?? 1;
    const h = meta.height ?? 1;
    const pw = (w * 72) / dpi;
    const ph = (h * 72) / dpi;
    const id = pageIds[i] as number;
    const content = `q ${pw.toFixed(2)} 0 0 ${ph.toFixed(2)} 0 0 cm /Im0 Do Q`;
    obj(id, [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pw.toFixed(2)} ${ph.toFixed(2)}] /Resources << /XObject << /Im0 ${id + 1} 0 R >> >> /Contents ${id + 2} 0 R >>`,
    ]);
    const cs = meta.channels === 1 ? '/DeviceGray' : '/DeviceRGB';
    obj(id + 1, [
      `<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace ${cs} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
      jpeg,
      '\nendstream',
    ]);
    obj(id + 2, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
  }
  const xref = length;
  const count = 3 + jpegs.length * 3;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) push(`${String(offsets[n] ?? 0).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/** The scanned PDF of a text PDF. */
export async function scanPdf(pdf: Buffer, o: ScanOptions, seed: string): Promise<Buffer> {
  const rand = seeded(seed);
  const pages = rasterise(pdf, o.dpi);
  const jpegs: Buffer[] = [];
  for (const p of pages) jpegs.push(await scanPage(p, o, rand));
  return imagesToPdf(jpegs, o.dpi);
}

/** A phone photo of the first page of a text PDF. */
export async function photographPdf(pdf: Buffer, o: PhotoOptions, seed: string): Promise<Buffer> {
  const rand = seeded(seed);
  const [first] = rasterise(pdf, 200);
  if (!first) throw new Error('no page to photograph');
  return photoPage(first, o, rand);
}
