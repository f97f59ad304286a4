/**
 * Page orientation from what the OCR engine already computes (OCRmyPDF's `--rotate-pages` idea, with
 * PaddleOCR's own signals): a page scanned sideways has text lines that run vertically, so its
 * detection boxes are tall instead of wide; a page upside down has wide boxes whose crops the text
 * direction classifier (PaddleOCR's 0°/180° line classifier) calls turned. Both decisions take many
 * lines and a clear majority: one vertical caption or one odd crop does not turn a page.
 */

import { quadBounds } from './recognition';

/** A detected text segment: four corner points in pixels. */
export type SegmentBox = number[][];

/** Axis-aligned extent of a segment's corner points. */
function extent(box: SegmentBox): { w: number; h: number } {
  const b = quadBounds(box);
  return { w: b.x1 - b.x0, h: b.y1 - b.y0 };
}

/** A segment at least this many times longer than thick runs in one clear direction. */
const ELONGATED = 2;
/** Vertical text must outweigh horizontal text by this factor before a page is turned. */
const SIDEWAYS_MAJORITY = 2;
/** Fewest vertical segments that can turn a page. */
const MIN_VERTICAL_SEGMENTS = 4;

/**
 * Whether the page's text runs vertically (the page lies on its side): the summed length of clearly
 * vertical segments outweighs that of clearly horizontal ones. Square segments (one Han character,
 * a short number) say nothing and are ignored.
 */
export function isSideways(boxes: SegmentBox[]): boolean {
  let horizontal = 0;
  let vertical = 0;
  let verticalCount = 0;
  for (const box of boxes) {
    if (box.length !== 4) continue;
    const { w, h } = extent(box);
    if (w >= ELONGATED * h) horizontal += w;
    else if (h >= ELONGATED * w) {
      vertical += h;
      verticalCount++;
    }
  }
  return verticalCount >= MIN_VERTICAL_SEGMENTS && vertical > SIDEWAYS_MAJORITY * horizontal;
}

/** Segments the direction classifier looks at: the longest wide ones (most characters, surest). */
export const ORIENTATION_SAMPLE = 12;

/** Indices of the segments to classify: wide ones, longest first, at most ORIENTATION_SAMPLE. */
export function orientationSample(boxes: SegmentBox[]): number[] {
  return boxes
    .map((box, i) => ({ i, ...extent(box) }))
    .filter((s) => s.w >= 3 * s.h && s.h > 0)
    .sort((a, b) => b.w - a.w)
    .slice(0, ORIENTATION_SAMPLE)
    .map((s) => s.i);
}

/** Classifier probability above which a crop's vote counts. */
const SURE = 0.8;
/** Fewest sure votes that can turn a page. */
const MIN_VOTES = 3;

/**
 * Whether the page is upside down from the classifier's probabilities that each sampled crop is
 * turned 180°: sure "turned" votes must be at least three and outnumber sure "upright" votes 2:1.
 */
export function isUpsideDown(turnedProbabilities: number[]): boolean {
  let turned = 0;
  let upright = 0;
  for (const p of turnedProbabilities) {
    if (p >= SURE) turned++;
    else if (p <= 1 - SURE) upright++;
  }
  return turned >= MIN_VOTES && turned >= 2 * upright;
}

/** Agreeing sure votes after which the remaining crops need not be classified. */
const SETTLED_VOTES = 5;

/**
 * Whether the first crops already agree so clearly that more cannot change the decision: an upright
 * page costs the classifier on five crops, not the whole sample.
 */
export function isOrientationSettled(turnedProbabilities: number[]): boolean {
  if (turnedProbabilities.length < SETTLED_VOTES) return false;
  return turnedProbabilities.every((p) => p <= 1 - SURE) || turnedProbabilities.every((p) => p >= SURE);
}
