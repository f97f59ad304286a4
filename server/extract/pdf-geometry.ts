/**
 * A text-PDF page's geometry as plain, serialisable data: its positioned text items (pdf.js text
 * content with x, y, width, height) and its ruling lines (table borders), read from the page's own
 * drawing operators — thin filled rectangles (how Chromium, LIMS tools and many others draw borders)
 * and stroked paths (Word, WPS). The parsers rebuild rows, columns and merged cells from this
 * (parsers/table/), instead of trusting the text layer's reading order.
 *
 * Meant to run wherever the pdf.js document is open (in the sandboxed PDF worker): it takes a pdf.js
 * page and returns numbers and strings only, so the result crosses a thread or process boundary as is.
 */
import type { Box } from '../../parsers/types';

/** One pdf.js text item in viewport units (points, origin top-left); `y` is the baseline. */
export interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}

export interface PageGeometry {
  /** viewport size in points (rotation applied) */
  width: number;
  height: number;
  items: PositionedText[];
  /** ruling lines as thin boxes, fractions (0..1) of the page, origin top-left */
  rules: Box[];
}

// The parts of pdf.js used here (pdf-parse bundles its own pdf.js, so the types are restated).
interface PdfViewport {
  width: number;
  height: number;
  transform: number[];
  convertToViewportPoint(x: number, y: number): number[];
}
export interface PdfGeometryPage {
  getViewport(o: { scale: number }): PdfViewport;
  getTextContent(o?: object): Promise<{ items: object[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
}

/**
 * pdf.js operator codes (src/shared/util.js `OPS`, stable across pdf.js 2–5) and the path
 * sub-operators of `constructPath` (`DrawOPS`, pdf.js 5). A test reads a real PDF's rules, so a
 * renumbering would fail it.
 */
const OP = {
  setLineWidth: 2,
  save: 10,
  restore: 11,
  transform: 12,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  setStrokeRGBColor: 58,
  setFillRGBColor: 59,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  constructPath: 91,
} as const;
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, closePath: 3 } as const;

const STROKES = new Set<number>([
  OP.stroke,
  OP.closeStroke,
  OP.fillStroke,
  OP.eoFillStroke,
  OP.closeFillStroke,
  OP.closeEOFillStroke,
]);
const FILLS = new Set<number>([
  OP.fill,
  OP.eoFill,
  OP.fillStroke,
  OP.eoFillStroke,
  OP.closeFillStroke,
  OP.closeEOFillStroke,
]);

/** Thickest a drawn line can be and still be a ruling line, in points. */
const MAX_RULE_THICKNESS = 3;
/** Shortest ruling line kept, in points (shorter strokes are glyph parts, bullets, check boxes). */
const MIN_RULE_LENGTH = 4;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  // pdf.js convention: transform(m, n) = m · n (n applied first)
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

const asMatrix = (v: unknown): Matrix | null =>
  Array.isArray(v) && v.length === 6 && v.every((n) => typeof n === 'number') ? (v as Matrix) : null;

/** Luminance 0..1 of a "#rrggbb" colour (pdf.js 5 passes device colours so); unknown → black. */
function luminance(v: unknown): number {
  const hex = typeof v === 'string' ? /^#([0-9a-f]{6})$/i.exec(v)?.[1] : undefined;
  if (!hex) return 0;
  const n = parseInt(hex, 16);
  return (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
}

interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Sub-paths of a constructPath operand as polylines in device (viewport) space. */
function polylines(data: ArrayLike<number>, toDevice: (x: number, y: number) => [number, number]) {
  const out: [number, number][][] = [];
  let current: [number, number][] = [];
  for (let i = 0; i < data.length;) {
    const op = data[i++];
    if (op === DRAW.moveTo) {
      if (current.length) out.push(current);
      current = [toDevice(data[i] ?? 0, data[i + 1] ?? 0)];
      i += 2;
    } else if (op === DRAW.lineTo) {
      current.push(toDevice(data[i] ?? 0, data[i + 1] ?? 0));
      i += 2;
    } else if (op === DRAW.curveTo) {
      // curves are never table borders: a gap, then the curve's end point where the path goes on
      current.push([NaN, NaN]);
      current.push(toDevice(data[i + 4] ?? 0, data[i + 5] ?? 0));
      i += 6;
    } else if (op === DRAW.closePath) {
      if (current[0]) current.push(current[0]);
      out.push(current);
      current = [];
    } else {
      break;
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** An axis-aligned box when the polyline is a rectangle (4 or 5 points), else null. */
function rectangleOf(pts: [number, number][]): Segment | null {
  const ring =
    pts.length === 5 && pts[0]?.[0] === pts[4]?.[0] && pts[0]?.[1] === pts[4]?.[1] ? pts.slice(0, 4) : pts;
  if (ring.length !== 4 || ring.some(([x]) => Number.isNaN(x))) return null;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const eps = 0.01;
  const axisAligned = ring.every((p, i) => {
    const q = ring[(i + 1) % 4] ?? p;
    return Math.abs(p[0] - q[0]) < eps || Math.abs(p[1] - q[1]) < eps;
  });
  if (!axisAligned) return null;
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Straight horizontal/vertical pieces of a stroked polyline, widened by the line width. */
function strokedRules(pts: [number, number][], lineWidth: number): Segment[] {
  const out: Segment[] = [];
  const half = Math.max(lineWidth, 0.1) / 2;
  for (let i = 1; i < pts.length; i++) {
    const [ax, ay] = pts[i - 1] ?? [NaN, NaN];
    const [bx, by] = pts[i] ?? [NaN, NaN];
    if ([ax, ay, bx, by].some(Number.isNaN)) continue;
    if (Math.abs(ay - by) < 0.5) {
      out.push({ x0: Math.min(ax, bx), y0: ay - half, x1: Math.max(ax, bx), y1: ay + half });
    } else if (Math.abs(ax - bx) < 0.5) {
      out.push({ x0: ax - half, y0: Math.min(ay, by), x1: ax + half, y1: Math.max(ay, by) });
    }
  }
  return out;
}

/** Edges of a filled area: itself when thin (a drawn line), else its four sides (a shaded cell). */
function filledRules(r: Segment): Segment[] {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  if (Math.min(w, h) <= MAX_RULE_THICKNESS) return [r];
  const t = 0.5;
  return [
    { x0: r.x0, y0: r.y0 - t, x1: r.x1, y1: r.y0 + t },
    { x0: r.x0, y0: r.y1 - t, x1: r.x1, y1: r.y1 + t },
    { x0: r.x0 - t, y0: r.y0, x1: r.x0 + t, y1: r.y1 },
    { x0: r.x1 - t, y0: r.y0, x1: r.x1 + t, y1: r.y1 },
  ];
}

/**
 * Ruling lines from a page's operator list, in viewport points. Fills lighter than the paper around
 * them (white boxes painting the background) and areas covering most of the page are ignored.
 */
export function rulesFromOperators(
  ops: { fnArray: number[]; argsArray: unknown[][] },
  viewport: { width: number; height: number; transform: number[] },
): Segment[] {
  const view = asMatrix(viewport.transform) ?? IDENTITY;
  let ctm: Matrix = IDENTITY;
  let lineWidth = 1;
  let fillLum = 0;
  let strokeLum = 0;
  const stack: { ctm: Matrix; lineWidth: number; fillLum: number; strokeLum: number }[] = [];
  const out: Segment[] = [];
  const pageArea = viewport.width * viewport.height;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i] ?? 0;
    const args = ops.argsArray[i] ?? [];
    switch (fn) {
      case OP.save:
        stack.push({ ctm, lineWidth, fillLum, strokeLum });
        break;
      case OP.restore: {
        const s = stack.pop();
        if (s) ({ ctm, lineWidth, fillLum, strokeLum } = s);
        break;
      }
      case OP.transform: {
        const m = asMatrix(args);
        if (m) ctm = multiply(ctm, m);
        break;
      }
      case OP.paintFormXObjectBegin: {
        stack.push({ ctm, lineWidth, fillLum, strokeLum });
        const m = asMatrix(args[0]);
        if (m) ctm = multiply(ctm, m);
        break;
      }
      case OP.paintFormXObjectEnd: {
        const s = stack.pop();
        if (s) ({ ctm, lineWidth, fillLum, strokeLum } = s);
        break;
      }
      case OP.setLineWidth:
        lineWidth = typeof args[0] === 'number' ? args[0] : lineWidth;
        break;
      case OP.setFillRGBColor:
        fillLum = luminance(args[0]);
        break;
      case OP.setStrokeRGBColor:
        strokeLum = luminance(args[0]);
        break;
      case OP.constructPath: {
        const paint = args[0];
        const data = (args[1] as unknown[] | undefined)?.[0];
        if (typeof paint !== 'number' || !data || typeof (data as ArrayLike<number>).length !== 'number') {
          break;
        }
        const m = multiply(view, ctm);
        const scale = Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2])) || 1;
        const lines = polylines(data as ArrayLike<number>, (x, y) => apply(m, x, y));
        if (FILLS.has(paint) && fillLum < 0.92) {
          for (const pl of lines) {
            const r = rectangleOf(pl);
            if (r && (r.x1 - r.x0) * (r.y1 - r.y0) < pageArea * 0.5) out.push(...filledRules(r));
          }
        }
        if (STROKES.has(paint) && strokeLum < 0.92 && lineWidth * scale <= MAX_RULE_THICKNESS) {
          for (const pl of lines) out.push(...strokedRules(pl, lineWidth * scale));
        }
        break;
      }
      default:
        break;
    }
  }
  return out.filter((r) => {
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    return Math.max(w, h) >= MIN_RULE_LENGTH && Math.min(w, h) <= MAX_RULE_THICKNESS;
  });
}

const round4 = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;

/** Reads one page's positioned text and ruling lines (see the module comment). */
export async function readPageGeometry(page: PdfGeometryPage): Promise<PageGeometry> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
  const items: PositionedText[] = [];
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const item = raw as { str: string; transform: number[]; width: number; height: number; hasEOL: boolean };
    const t = item.transform;
    const [x = 0, y = 0] = viewport.convertToViewportPoint(t[4] ?? 0, t[5] ?? 0);
    items.push({
      str: item.str,
      x,
      y,
      width: item.width,
      height: item.height || Math.abs(t[3] ?? 0),
      hasEOL: Boolean(item.hasEOL),
    });
  }
  const ops = await page.getOperatorList();
  const rules = rulesFromOperators(ops, viewport).map((r) => ({
    x0: round4(r.x0 / viewport.width),
    y0: round4(r.y0 / viewport.height),
    x1: round4(r.x1 / viewport.width),
    y1: round4(r.y1 / viewport.height),
  }));
  return { width: viewport.width, height: viewport.height, items, rules };
}
