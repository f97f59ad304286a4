/**
 * A page's words (text-layer runs or OCR segments with boxes) grouped into text lines, and a line's
 * words joined into phrases where only a space parts them: what the readers of tables without column
 * lines (stream.ts, header-line.ts, label-column.ts) walk.
 */
import { centreY, medianWordHeight, type Word } from './grid';

export interface TextLine {
  words: Word[];
  y0: number;
  y1: number;
  text: string;
}

/**
 * Words → text lines (vertical centres within half a line height), each sorted left to right. A word
 * twice as tall as the page's words (an OCR segment that ran over two printed lines) is a line of its
 * own: it belongs to neither, and joined to one it would make it no header or row of cells.
 */
export function textLines(words: Word[]): TextLine[] {
  const sorted = [...words].sort((a, b) => centreY(a.box) - centreY(b.box));
  const tall = medianWordHeight(words, 1) * 1.8;
  const lines: TextLine[] = [];
  const alone = new Set<TextLine>();
  for (const w of sorted) {
    const h = w.box.y1 - w.box.y0;
    const line =
      h > tall
        ? undefined
        : lines.find((l) => {
            if (alone.has(l)) return false;
            const lh = l.y1 - l.y0;
            return Math.abs((l.y0 + l.y1) / 2 - centreY(w.box)) < Math.min(h, lh) * 0.5;
          });
    if (line) {
      line.words.push(w);
      line.y0 = Math.min(line.y0, w.box.y0);
      line.y1 = Math.max(line.y1, w.box.y1);
    } else {
      lines.push({ words: [w], y0: w.box.y0, y1: w.box.y1, text: '' });
      if (h > tall) alone.add(lines[lines.length - 1] as TextLine);
    }
  }
  for (const l of lines) {
    l.words.sort((a, b) => a.box.x0 - b.box.x0);
    l.text = l.words.map((w) => w.text).join(' ');
  }
  return lines.sort((a, b) => a.y0 - b.y0);
}

/**
 * The words of a line joined where only a space separates them (a cell printed in several runs:
 * "棉 53.8 聚酯纤维 46.2"), so that a space inside a cell is not taken for a column gap.
 */
export function phrases(line: TextLine): Word[] {
  const out: Word[] = [];
  for (const w of line.words) {
    const last = out[out.length - 1];
    // half an em: a space is narrower, the gap between two cells wider (page height ≈ 1.41 widths)
    const em = (w.box.y1 - w.box.y0) * 1.41;
    if (last && w.box.x0 - last.box.x1 < em * 0.5) {
      out[out.length - 1] = {
        ...last,
        text: `${last.text} ${w.text}`,
        box: { ...last.box, x1: Math.max(last.box.x1, w.box.x1) },
      };
    } else {
      out.push(w);
    }
  }
  return out;
}
