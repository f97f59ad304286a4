/**
 * Ink the text detector missed: a verdict mark standing alone in its cell (√, ×, P) is often too small
 * and too unlike a text line for PaddleOCR's detector, which then gives it no box, so the item keeps a
 * null verdict. This pass looks at the prepared page itself for compact blobs of ink, sized like a
 * glyph of the page's text, that no detected box covers, and returns them as crops to recognise
 * (paddle-child.ts keeps a reading only when it is short and confident).
 *
 * One pass over a downscaled binary copy of the page (typed arrays): long horizontal and vertical runs
 * are ruling lines and are taken out (and remembered, to tell the table's cells), the rest is labelled
 * into connected components; components near each other form one glyph. A glyph is kept only when it
 * is uncovered by any detected box, about as big as the page's text, has clear paper around it, and —
 * on a page with ruling lines — stands inside the table they draw. Pure functions, tested without the
 * model (missed-ink.test.ts).
 */

import { VERDICT_MARK_OCR_FIXES } from '../../../parsers/data/vocab';
import type { RgbaImage } from './recognition';

/** A rectangle in pixels of the page: x0, y0 inclusive, x1, y1 exclusive. */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Grey or RGBA pixels of the prepared page (grey: its first channel is read). */
export interface PageImage {
  data: Uint8Array;
  width: number;
  height: number;
  /** bytes per pixel: 1 (grey) or 4 (RGBA) */
  channels: 1 | 4;
}

/** A glyph to read: where it is on the page, and its pixels (RGBA, ruling lines made paper). */
export interface MissedGlyph {
  box: PixelBox;
  image: RgbaImage;
}

export interface MissedInkOptions {
  /** At most this many crops a page, the most cell-like first. Default 8 */
  maxCrops?: number;
}

/** A pixel darker than this is ink (the prepared page is contrast-stretched: paper ~255, print < 80). */
const INK_BELOW = 128;
/**
 * … and lighter than this is paper. Between the two is faint ink: print a seal's red was lifted from
 * (a rule, the foot of a P), which still makes a rule whole and still belongs to the glyph's crop.
 */
const FAINT_BELOW = 200;
/**
 * Glyph sizes as multiples of the page's text height (the median height of the detected boxes, which
 * the detector draws ~1.4 times as high as the ink: a × or a small √ is about a third of it).
 */
const GLYPH_MIN_HEIGHT = 0.35;
const GLYPH_MAX_HEIGHT = 1.4;
const GLYPH_MIN_WIDTH = 0.25;
const GLYPH_MAX_WIDTH = 1.5;
/** Components this close (× text height) belong to one glyph (a broken stroke, P's bowl and stem). */
const GLYPH_JOIN_GAP = 0.25;
/** Clear paper asked around a glyph (× text height): ink there means it is part of something larger. */
const CLEAR_AROUND = 0.5;
/**
 * … clear but for this much ink (× the glyph's own): specks a seal's lifted strokes left beside a
 * mark under it (0.13–0.14 of the mark's ink beside marks the held-out harness scans left unread).
 */
const CLEAR_AROUND_INK = 0.2;
/** A run of ink this long (× text height) is a ruling line, not a stroke. */
const RULE_RUN = 2.5;
/** … and a horizontal rule this long is a table's (a word's strokes run together may reach RULE_RUN). */
const TABLE_RULE = 8;
/** Share of the glyph's bounding box its ink fills: a stroke alone or a filled blot are not glyphs. */
const MIN_FILL = 0.08;
const MAX_FILL = 0.8;
/** Page border (share of each side) where nothing is looked for: scanner edges, photo background. */
const PAGE_MARGIN = 0.03;

interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  ink: number;
  covered: number;
}

interface Run {
  at: number;
  from: number;
  to: number;
}

/** Median height of the detected boxes (the page's text height), or 0 when there are too few. */
export function textHeight(boxes: PixelBox[]): number {
  const hs = boxes
    .filter((b) => b.x1 - b.x0 >= b.y1 - b.y0)
    .map((b) => b.y1 - b.y0)
    .sort((a, b) => a - b);
  return hs.length >= 5 ? (hs[hs.length >> 1] ?? 0) : 0;
}

/**
 * Crops (tight around the ink, ruling lines made paper) of glyph-sized ink that none of `boxes` (the
 * detector's segments) covers. Empty when the page has too few segments to know its text height.
 */
export function findMissedInk(
  page: PageImage,
  boxes: PixelBox[],
  opts: MissedInkOptions = {},
): MissedGlyph[] {
  const textH = textHeight(boxes);
  if (textH < 8) return [];
  // downscale so a line of text is ~10 px high: a block is ink when any of its pixels read is
  const f = Math.max(1, Math.min(4, Math.floor(textH / 10)));
  const w = Math.floor(page.width / f);
  const h = Math.floor(page.height / f);
  const th = textH / f;
  // 1: faint ink (a stroke or rule half lifted with a seal's red), 2: ink
  const ink = new Uint8Array(w * h);
  const { data, channels } = page;
  const stride = page.width * channels;
  // every other pixel of every other row is read: rules and strokes are at least two pixels wide
  for (let y = 0; y < h * f; y += 2) {
    const out = ((y / f) | 0) * w;
    const row = y * stride;
    for (let x = 0; x < w * f; x += 2) {
      const g = data[row + x * channels]!;
      if (g >= FAINT_BELOW) continue;
      const i = out + ((x / f) | 0);
      if (g < INK_BELOW) ink[i] = 2;
      else if (!ink[i]) ink[i] = 1;
    }
  }

  // ruling lines: long runs along rows and along columns, remembered and taken out
  const ruleLen = Math.max(8, Math.round(RULE_RUN * th));
  const hRules: Run[] = [];
  const vRules: Run[] = [];
  const rule = new Uint8Array(w * h);
  // a rule is thin: a little above and below it is mostly paper (a line of words, whose faint edges
  // run together when downscaled, is ink there too)
  const beside = Math.max(2, Math.round(0.25 * th));
  const isThin = (y: number, from: number, to: number) => {
    const share = (r: number) => {
      if (r < 0 || r >= h) return 0;
      let n = 0;
      for (let x = from; x < to; x++) if (ink[r * w + x]) n++;
      return n / (to - from);
    };
    return share(y - beside) < 0.5 || share(y + beside) < 0.5;
  };
  for (let y = 0; y < h; y++) {
    let start = -1;
    for (let x = 0; x <= w; x++) {
      const on = x < w && ink[y * w + x]! > 0;
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        if (x - start >= ruleLen && isThin(y, start, x)) {
          hRules.push({ at: y, from: start, to: x - 1 });
          rule.fill(1, y * w + start, y * w + x);
        }
        start = -1;
      }
    }
  }
  // columns walked row by row (one run start per column), so the image is read in memory order
  const startAt = new Int32Array(w).fill(-1);
  for (let y = 0; y <= h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const on = y < h && ink[row + x]! > 0;
      const start = startAt[x]!;
      if (on) {
        if (start < 0) startAt[x] = y;
      } else if (start >= 0) {
        if (y - start >= ruleLen) vRules.push({ at: x, from: start, to: y - 1 });
        startAt[x] = -1;
      }
    }
  }
  for (const r of vRules) for (let y = r.from; y <= r.to; y++) rule[y * w + r.at] = 1;
  // what is left of the rules, and faint ink, is no ink
  const faint = ink;
  const dark = new Uint8Array(w * h);
  for (let i = 0; i < dark.length; i++) dark[i] = faint[i] === 2 && !rule[i] ? 1 : 0;

  // what the detector covered (its boxes, a little grown)
  const covered = new Uint8Array(w * h);
  const grow = Math.round(0.15 * th);
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x0 / f) - grow);
    const x1 = Math.min(w, Math.ceil(b.x1 / f) + grow);
    const y0 = Math.max(0, Math.floor(b.y0 / f) - grow);
    const y1 = Math.min(h, Math.ceil(b.y1 / f) + grow);
    for (let y = y0; y < y1; y++) covered.fill(1, y * w + x0, y * w + x1);
  }

  const components = label(dark, covered, w, h);
  // pieces of glyphs: not specks, not larger than a glyph, not under a detected box
  const pieces = components.filter(
    (c) =>
      c.covered <= 0.2 * c.ink &&
      c.ink >= 3 &&
      Math.max(c.x1 - c.x0, c.y1 - c.y0) >= 0.15 * th &&
      c.x1 - c.x0 <= GLYPH_MAX_WIDTH * th &&
      c.y1 - c.y0 <= GLYPH_MAX_HEIGHT * th,
  );
  const glyphs = joinNear(pieces, GLYPH_JOIN_GAP * th);

  const marginX = PAGE_MARGIN * w;
  const marginY = PAGE_MARGIN * h;
  // the table's rules span several columns (a word's strokes may make a shorter run)
  const tableRules = hRules.filter((r) => r.to - r.from >= TABLE_RULE * th);
  const ruled = tableRules.length > 0;
  const clear = Math.round(CLEAR_AROUND * th);
  const kept: Array<{ box: Component; centreDistance: number }> = [];
  for (const g of glyphs) {
    const gw = g.x1 - g.x0;
    const gh = g.y1 - g.y0;
    if (gh < GLYPH_MIN_HEIGHT * th || gh > GLYPH_MAX_HEIGHT * th) continue;
    if (gw < GLYPH_MIN_WIDTH * th || gw > GLYPH_MAX_WIDTH * th) continue;
    const fill = g.ink / (gw * gh);
    if (fill < MIN_FILL || fill > MAX_FILL) continue;
    if (g.x0 < marginX || g.x1 > w - marginX || g.y0 < marginY || g.y1 > h - marginY) continue;
    if (g.covered > 0.2 * g.ink) continue;
    // clear paper around it: no ink in the ring but its own
    let around = 0;
    const rx0 = Math.max(0, g.x0 - clear);
    const rx1 = Math.min(w, g.x1 + clear);
    const ry0 = Math.max(0, g.y0 - clear);
    const ry1 = Math.min(h, g.y1 + clear);
    for (let y = ry0; y < ry1; y++) {
      for (let x = rx0; x < rx1; x++) {
        if (dark[y * w + x] && (x < g.x0 || x >= g.x1 || y < g.y0 || y >= g.y1)) around++;
      }
    }
    if (around > CLEAR_AROUND_INK * g.ink) continue;
    if (ruled) {
      // inside the table: a rule above and below, and left and right where the table draws column
      // lines at the glyph's height (a 三线表 draws none: long vertical runs elsewhere on its page, a
      // seal's outline or another table's lines, ask nothing of it)
      const cx = (g.x0 + g.x1) / 2;
      const cy = (g.y0 + g.y1) / 2;
      const above = tableRules.some((r) => r.at < g.y0 && r.from <= cx && r.to >= cx);
      const below = tableRules.some((r) => r.at >= g.y1 && r.from <= cx && r.to >= cx);
      if (!above || !below) continue;
      const gridded =
        countLines(
          vRules.filter((r) => r.from <= cy && r.to >= cy),
          1,
        ) >= 3;
      if (gridded) {
        const left = vRules.some((r) => r.at < g.x0 && r.from <= cy && r.to >= cy);
        const right = vRules.some((r) => r.at >= g.x1 && r.from <= cy && r.to >= cy);
        if (!left || !right) continue;
      }
    }
    kept.push({ box: g, centreDistance: Math.abs(gh - th * 0.8) });
  }
  kept.sort((a, b) => a.centreDistance - b.centreDistance);
  return kept.slice(0, opts.maxCrops ?? 8).map(({ box }) => {
    // the glyph's faint ink belongs to it (the foot of a P a seal was lifted from): the box grows up
    // and down over faint pixels next to it, a little, never over a rule (sideways lie the remnants
    // of the seal's strokes, which would be read as letters)
    const g = { ...box };
    const most = Math.ceil(0.3 * th);
    const faintAt = (x: number, y: number) => faint[y * w + x]! > 0 && !rule[y * w + x];
    const rowHas = (y: number) => {
      for (let x = g.x0; x < g.x1; x++) if (faintAt(x, y)) return true;
      return false;
    };
    for (let i = 0; i < most && g.y0 > 0 && rowHas(g.y0 - 1); i++) g.y0--;
    for (let i = 0; i < most && g.y1 < h && rowHas(g.y1); i++) g.y1++;
    const px = {
      x0: Math.max(0, g.x0 * f - 1),
      y0: Math.max(0, g.y0 * f - 1),
      x1: Math.min(page.width, g.x1 * f + 1),
      y1: Math.min(page.height, g.y1 * f + 1),
    };
    return { box: px, image: cropWithoutRules(page, px, rule, w, f) };
  });
}

/** The page's pixels in `box` as RGBA, with what the rule mask (downscaled by `f`) calls rule made paper. */
function cropWithoutRules(page: PageImage, box: PixelBox, rule: Uint8Array, w: number, f: number): RgbaImage {
  const width = box.x1 - box.x0;
  const height = box.y1 - box.y0;
  const out = new Uint8Array(width * height * 4);
  const { data, channels } = page;
  for (let y = 0; y < height; y++) {
    const py = box.y0 + y;
    for (let x = 0; x < width; x++) {
      const px = box.x0 + x;
      const v = rule[((py / f) | 0) * w + ((px / f) | 0)]
        ? 255
        : (data[(py * page.width + px) * channels] ?? 255);
      const o = (y * width + x) * 4;
      out[o] = out[o + 1] = out[o + 2] = v;
      out[o + 3] = 255;
    }
  }
  return { data: out, width, height };
}

/** Distinct lines among runs (runs on neighbouring rows/columns are one line). */
function countLines(runs: Run[], reach: number): number {
  const ats = [...new Set(runs.map((r) => r.at))].sort((a, b) => a - b);
  let n = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const a of ats) {
    if (a - last > reach) n++;
    last = a;
  }
  return n;
}

/** 8-connected components of a binary image, with their boxes, ink and ink under `covered`. */
function label(ink: Uint8Array, covered: Uint8Array, w: number, h: number): Component[] {
  const seen = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  const out: Component[] = [];
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || seen[start]) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    const c: Component = { x0: w, y0: h, x1: 0, y1: 0, ink: 0, covered: 0 };
    while (top > 0) {
      const p = stack[--top] ?? 0;
      const x = p % w;
      const y = (p / w) | 0;
      c.ink++;
      if (covered[p]) c.covered++;
      if (x < c.x0) c.x0 = x;
      if (x + 1 > c.x1) c.x1 = x + 1;
      if (y < c.y0) c.y0 = y;
      if (y + 1 > c.y1) c.y1 = y + 1;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= w) continue;
          const q = ny * w + nx;
          if (ink[q] && !seen[q]) {
            seen[q] = 1;
            stack[top++] = q;
          }
        }
      }
    }
    out.push(c);
  }
  return out;
}

/** Components whose boxes are within `gap` of each other, joined (transitively) into one box. */
function joinNear(pieces: Component[], gap: number): Component[] {
  const parent = pieces.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  const sorted = pieces.map((_, i) => i).sort((a, b) => (pieces[a]?.x0 ?? 0) - (pieces[b]?.x0 ?? 0));
  for (let s = 0; s < sorted.length; s++) {
    const a = pieces[sorted[s] ?? 0];
    if (!a) continue;
    for (let t = s + 1; t < sorted.length; t++) {
      const b = pieces[sorted[t] ?? 0];
      if (!b) continue;
      if (b.x0 > a.x1 + gap) break;
      if (b.y0 <= a.y1 + gap && b.y1 >= a.y0 - gap) parent[find(sorted[s] ?? 0)] = find(sorted[t] ?? 0);
    }
  }
  const groups = new Map<number, Component>();
  pieces.forEach((p, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (!g) groups.set(r, { ...p });
    else {
      g.x0 = Math.min(g.x0, p.x0);
      g.y0 = Math.min(g.y0, p.y0);
      g.x1 = Math.max(g.x1, p.x1);
      g.y1 = Math.max(g.y1, p.y1);
      g.ink += p.ink;
      g.covered += p.covered;
    }
  });
  return [...groups.values()];
}

/** A missed glyph's reading is kept only when it is this confident (mean character probability). */
export const MISSED_INK_MIN_MEAN = 0.8;
/**
 * … or this confident when it is a sign OCR reads a check mark as ("<", "V": VERDICT_MARK_OCR_FIXES).
 * The parser reads such a sign in a verdict cell as the mark and flags the item for review, so an
 * unsure reading costs a person a look, never a verdict nobody checks. (A √ under a seal's outline is
 * read "<" or "V" at a mean of 0.40–0.71: the held-out harness scans.)
 */
export const MISSED_MARK_MIN_MEAN = 0.4;
/** … and of one character: a mark or a digit alone in its cell, never a misread line of text. */
const MISSED_INK_MAX_CHARS = 1;
const MARK_MISREADINGS = new Set(Object.keys(VERDICT_MARK_OCR_FIXES));

/** The reading of a missed glyph's crop worth keeping, or null (empty, long, unsure, punctuation). */
export function readingOfMissedInk(r: { text: string; mean: number }): { text: string; mean: number } | null {
  const text = r.text.trim();
  const bar = MARK_MISREADINGS.has(text) ? MISSED_MARK_MIN_MEAN : MISSED_INK_MIN_MEAN;
  if (!text || [...text].length > MISSED_INK_MAX_CHARS || r.mean < bar) return null;
  // a dot, a comma or a quote read from a speck is not text
  if (/^[\p{P}\s]+$/u.test(text) && !/^[√×/]$/u.test(text)) return null;
  return { text, mean: r.mean };
}
