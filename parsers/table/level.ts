/**
 * Levelling an OCR'd page taken askew: the engine measures the slope of its text lines (PageText.skew);
 * the table readers place words by position, so a slope that moves a row's right-hand cells by part of a
 * line would put them in the next row. Boxes are levelled before the grid is formed.
 */
import type { Box, PageText } from '../types';

/** A text slope steeper than this (dy/dx) is no page's left after preparation: it is not measured or used. */
export const MAX_SKEW = 0.05;

/**
 * The slope of an OCR'd page's text lines (dy/dx in page fractions) at each height: `skew` at height
 * `origin`, changing by `gradient` per page height (0 but on a photo taken at an angle).
 */
export interface TextSlope {
  skew: number;
  gradient: number;
  origin: number;
}

/** One slope, or a page's slope at each height (TextSlope), at height `y`. */
export function slopeAt(slope: number | TextSlope, y: number): number {
  return typeof slope === 'number' ? slope : slope.skew + slope.gradient * (y - slope.origin);
}

/** A page's text slope as its fields say (PageText.skew, skewGradient, skewOrigin). */
export function textSlopeOf(page: Pick<PageText, 'skew' | 'skewGradient' | 'skewOrigin'>): TextSlope {
  return { skew: page.skew ?? 0, gradient: page.skewGradient ?? 0, origin: page.skewOrigin ?? 0.5 };
}

/**
 * The slope an OCR'd page's boxes are levelled by: the engine's measured skew when it is large enough
 * to move a row's cells by a noticeable part of a line across the table (a photo taken askew), else 0;
 * with how it changes down the page when the engine measured that (a photo taken at an angle).
 */
export function levelSlope(page: PageText | undefined): number | TextSlope {
  const s = page?.source === 'ocr' ? (page.skew ?? 0) : 0;
  if (page?.source === 'ocr' && page.skewGradient && Math.abs(s) <= MAX_SKEW) return textSlopeOf(page);
  return Math.abs(s) >= 0.002 && Math.abs(s) <= MAX_SKEW ? s : 0;
}

/**
 * A box as it stands on the page levelled by `slope` (`back`: levelled → as read). The page is sheared
 * about its middle (small angles: a rotation is a shear); a segment's upright box, taller than its text
 * by the slope across its width, is brought back to its text's height. Going back, a box grows to hold
 * its slanted area.
 */
export function levelBox(box: Box, slope: number | TextSlope, back = false): Box {
  if (slope === 0) return box;
  const s = slopeAt(slope, (box.y0 + box.y1) / 2);
  const shift = s * ((box.x0 + box.x1) / 2 - 0.5);
  const slant = (Math.abs(s) * (box.x1 - box.x0)) / 2;
  if (back) return { ...box, y0: box.y0 + shift - slant, y1: box.y1 + shift + slant };
  const keep = Math.min(slant, (box.y1 - box.y0) * 0.3);
  return { ...box, y0: box.y0 - shift + keep, y1: box.y1 - shift - keep };
}
