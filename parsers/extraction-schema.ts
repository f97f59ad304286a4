/**
 * The extraction shape (shared/spec/extraction.md, version 1) as a runtime schema: what a stored
 * extraction, an extraction JSON handed to `dsv audit`, or a corrected document must be. Extras
 * (confidence, boxes, review flags) are kept as they are; required fields follow the spec.
 */
import { z } from 'zod';
import { PRODUCT_CATEGORIES, type Extraction } from './types';

const text = z.string().nullable();
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();
const form = z.enum(['text_pdf', 'scanned_pdf', 'photo']);
const box = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });
const extras = {
  fields: z
    .record(
      z.string(),
      z.looseObject({ confidence: z.number(), page: z.number().nullable(), box: box.nullable() }),
    )
    .optional(),
  review: z.array(z.looseObject({ path: z.string(), reason: z.string(), message: z.string() })).optional(),
  form: form.optional(),
  pageRotations: z.record(z.string(), z.union([z.literal(90), z.literal(180), z.literal(270)])).optional(),
};

const reportItem = z.looseObject({
  name: z.string(),
  unit: text,
  requirement: text,
  result: text,
  verdict: z.enum(['pass', 'fail', 'n/a']).nullable(),
  page: z.number().optional(),
  box: box.nullable().optional(),
  confidence: z.number().optional(),
});

const testReport = z.looseObject({
  kind: z.literal('test_report'),
  reportNumber: text,
  lab: z.looseObject({ name: text, cmaNumber: text, cnasNumber: text }),
  sample: z.looseObject({
    name: text,
    model: text,
    trademark: text,
    batch: text,
    safetyClass: z.enum(['A', 'B', 'C']).nullable(),
  }),
  client: text,
  manufacturer: text,
  inspectionType: z.enum(['commissioned', 'sampling', 'supervision']).nullable(),
  dates: z.looseObject({ received: date, tested: date, issued: date }),
  standards: z.array(z.string()),
  items: z.array(reportItem),
  conclusion: z.enum(['pass', 'fail']).nullable(),
  pages: z.number().int().nonnegative(),
  ...extras,
});

const contractLine = z.looseObject({
  lineNo: z.number().int().optional(),
  product: z.string(),
  category: z.enum(PRODUCT_CATEGORIES).nullable(),
  model: text,
  quantity: z.number().nullable(),
  unit: text,
  unitPrice: z.number().nullable(),
  amount: z.number().nullable(),
});

const contract = z.looseObject({
  kind: z.literal('contract'),
  contractNumber: text,
  purchaser: z.looseObject({ name: text }),
  supplier: z.looseObject({ name: text, uscc: text }),
  signedDate: date,
  deliveryDate: date,
  lines: z.array(contractLine),
  totalAmount: z.number().nullable(),
  standards: z.array(z.string()),
  pages: z.number().int().nonnegative().optional(),
  ...extras,
});

export const ExtractionSchema: z.ZodType<Extraction> = z.discriminatedUnion('kind', [testReport, contract]);

/** `value` as an extraction, or null when it is not one in the spec's shape. */
export function asExtraction(value: unknown): Extraction | null {
  const r = ExtractionSchema.safeParse(value);
  return r.success ? r.data : null;
}

/**
 * A stored extraction (a jsonb column), checked: null stays null; anything else not in the spec's shape
 * is a corrupted row, reported as such rather than read on as if it were right.
 */
export function storedExtraction(value: unknown): Extraction | null {
  if (value === null || value === undefined) return null;
  const r = ExtractionSchema.safeParse(value);
  if (!r.success) {
    throw new Error(`stored extraction is not in the spec's shape: ${r.error.issues[0]?.message ?? ''}`);
  }
  return r.data;
}
