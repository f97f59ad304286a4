/**
 * Reads field values through a label vocabulary (data/report-labels.ts, data/contract-labels.ts):
 * every printed label of a field, Chinese or English, with its value on the same line, the next
 * line or the next cell; the preferred label (lowest rank) with an acceptable value wins. Shared by
 * the report and contract parsers.
 */
import type { FieldMeta } from '../types';
import { boxAt, lineAt, type Flow } from './flow';
import { placedValueOffsets } from './label-geometry';
import { valueOffset, valueText, type LabelHit, type LabelIndex, type ValueMode } from './labels';
import { isEmptyMarker } from './normalise';

export interface Picked {
  value: string;
  offset: number;
}

/** Reads label values from a flow; the preferred label (lowest rank) with a non-empty value wins. */
export class LabelReader<F extends string> {
  readonly hits: LabelHit<F>[];
  /** value cells of labels printed alone in their cell, found from the page geometry */
  private readonly placed: Map<LabelHit<F>, number | null>;
  constructor(
    readonly flow: Flow,
    index: LabelIndex<F>,
  ) {
    this.hits = index.find(flow.text);
    this.placed = placedValueOffsets(flow, this.hits);
  }

  /** The value after a label as the flow reads it. */
  private flowValue(h: LabelHit<F>, mode: ValueMode): Picked {
    return { value: valueText(this.flow.text, h, mode), offset: valueOffset(this.flow.text, h) };
  }

  /** The value in a label's placed value cell ('' when the geometry shows it has none). */
  private placedValue(h: LabelHit<F>, mode: ValueMode): Picked {
    const at = this.placed.get(h);
    if (at === null || at === undefined) return { value: '', offset: h.valueStart };
    const next = this.hits.find((o) => o.start >= at)?.start ?? this.flow.text.length;
    return { value: valueText(this.flow.text, { valueStart: at, valueEnd: next }, mode), offset: at };
  }

  /**
   * The values after a label. A label alone in its cell reads the cell the geometry places beside or
   * below it; a block value (several lines: standards, date ranges) is read in flow order first, the
   * placed cell being the fallback, since a block may start above the middle of its label.
   */
  private read(h: LabelHit<F>, mode: ValueMode): Picked[] {
    if (!this.placed.has(h)) return [this.flowValue(h, mode)];
    if (mode !== 'block') return [this.placedValue(h, mode)];
    return [this.flowValue(h, mode), this.placedValue(h, mode)];
  }

  all(field: F, mode: ValueMode, accept: (v: string) => boolean = (v) => !isEmptyMarker(v)): Picked[] {
    return this.hits
      .filter((h) => h.field === field)
      .map((h, order) => ({ h, order }))
      .sort((a, b) => a.h.rank - b.h.rank || a.order - b.order)
      .flatMap(({ h }) => this.read(h, mode))
      .filter((p) => p.value !== '' && accept(p.value));
  }

  pick(field: F, mode: ValueMode, accept?: (v: string) => boolean): Picked | null {
    return this.all(field, mode, accept)[0] ?? null;
  }

  /** True when the label is printed at all (even with an empty value). */
  printed(field: F): boolean {
    return this.hits.some((h) => h.field === field);
  }

  meta(p: Picked | null, confidence = 1): FieldMeta | null {
    if (!p) return null;
    const line = lineAt(this.flow, p.offset);
    return {
      confidence: confidence * (line?.confidence ?? 1),
      page: line?.page ?? null,
      box: boxAt(this.flow, p.offset),
      source: p.value,
    };
  }
}
