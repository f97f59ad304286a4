import {
  isOrientationSettled,
  isSideways,
  isUpsideDown,
  orientationSample,
  ORIENTATION_SAMPLE,
  type SegmentBox,
} from './page-orientation';

const rect = (x: number, y: number, w: number, h: number): SegmentBox => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];
/** A page of text lines 600 × 30 px, and the same page turned a quarter (lines 30 × 600). */
const lines = Array.from({ length: 10 }, (_, i) => rect(100, 100 + i * 50, 600, 30));
const turned = lines.map((b) => b.map(([x = 0, y = 0]) => [1000 - y, x]));

describe('page orientation', () => {
  it('When the text lines run vertically, then the page is sideways; when they run across, it is not', () => {
    expect(isSideways(turned)).toBe(true);
    expect(isSideways(lines)).toBe(false);
  });

  it('When an upright page has a few vertical captions or many single characters, then it is not sideways', () => {
    const captions = [rect(20, 100, 25, 300), rect(20, 500, 25, 300), rect(960, 100, 25, 300)];
    const characters = Array.from({ length: 40 }, (_, i) => rect(100 + (i % 10) * 40, 700 + i, 30, 30));
    expect(isSideways([...lines.slice(0, 3), ...captions, ...characters])).toBe(false);
    // a sideways page whose only wide segments are a few short numbers is still sideways
    expect(isSideways([...turned, rect(10, 10, 80, 30)])).toBe(true);
    expect(isSideways([])).toBe(false);
  });

  it('When segments are sampled for the direction classifier, then the longest wide ones are taken', () => {
    const boxes = [rect(0, 0, 30, 30), rect(0, 0, 300, 30), rect(0, 0, 900, 30), rect(0, 0, 30, 300)];
    expect(orientationSample(boxes)).toEqual([2, 1]);
    const many = Array.from({ length: 30 }, (_, i) => rect(0, 0, 100 + i, 20));
    expect(orientationSample(many)).toHaveLength(ORIENTATION_SAMPLE);
    expect(orientationSample(many)[0]).toBe(29);
  });

  it('When most sure crops are turned, then the page is upside down; a few odd crops do not turn it', () => {
    expect(isUpsideDown([0.99, 0.97, 0.95, 0.4, 0.02])).toBe(true);
    expect(isUpsideDown([0.99, 0.98, 0.01, 0.02, 0.01])).toBe(false);
    expect(isUpsideDown([0.99, 0.99])).toBe(false);
    expect(isUpsideDown([0.5, 0.6, 0.55, 0.7])).toBe(false);
    expect(isUpsideDown([])).toBe(false);
  });

  it('When the first five crops agree surely, then the decision is settled', () => {
    expect(isOrientationSettled([0.01, 0.0, 0.02, 0.0, 0.1])).toBe(true);
    expect(isOrientationSettled([0.99, 1, 0.95, 0.9, 0.97])).toBe(true);
    expect(isOrientationSettled([0.01, 0.0, 0.02, 0.0])).toBe(false);
    expect(isOrientationSettled([0.01, 0.0, 0.99, 0.0, 0.0])).toBe(false);
  });
});
