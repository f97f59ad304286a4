/**
 * What every document parser keeps besides the values: where each field was read (confidence,
 * page, box) and which fields need a person's look. A field that cannot be read stays null and is
 * flagged — never guessed.
 */
import type { FieldMeta, ReviewFlag } from './types';
import { labelOf } from './data/field-labels';

export class FieldCollector {
  readonly fields: Record<string, FieldMeta> = {};
  readonly review: ReviewFlag[] = [];

  /** Records where a value was read (when it was) and returns the value. */
  readonly put = <T>(path: string, value: T | null, meta: FieldMeta | null): T | null => {
    if (value !== null && meta) this.fields[path] = meta;
    return value;
  };

  /** Flags every required field whose value is null, with its Chinese message. */
  flagMissing(required: Array<[string, unknown]>, messages: Record<string, string>): void {
    for (const [path, v] of required) {
      if (v === null) {
        this.review.push({ path, reason: 'missing', message: messages[path] ?? `未能识别${labelOf(path)}` });
      }
    }
  }
}
