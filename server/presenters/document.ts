/**
 * Documents as the API shows them (STYLE.md G8): no storage paths, no hashes. The detail view lists
 * every extracted field with its extracted and effective value, confidence, page and box.
 */
import { z } from 'zod';
import { storedExtraction } from '../../parsers/extraction-schema';
import type { Extraction, FieldMeta } from '../../parsers/types';
import type {
  CorrectionView,
  DocumentListRow,
  DocumentWithDistrict,
  ReviewField,
} from '../../models/document.repository';
import { codesOf, DOCUMENT_KINDS, DOCUMENT_STATUSES, STAGES } from '../vocabulary';
import { describeValue, FIELD_LABELS, getPath, labelOf } from '../review/field-paths';

/** The one Chinese name of each document status (pages show `statusLabel`). */
export const STATUS_LABEL: Record<string, string> = Object.fromEntries(
  Object.entries(DOCUMENT_STATUSES).map(([k, v]) => [k, v.label]),
);
const STAGE_LABEL = STAGES;

const ReviewFieldView = z.object({
  path: z.string(),
  reason: z.string(),
  message: z.string(),
  /** a registered name near the one read (OCR misread?): offered to the reviewer, never applied by itself */
  suggestion: z.string().optional(),
});

export const DocumentSummaryView = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  originalName: z.string(),
  declaredKind: z.enum(codesOf(DOCUMENT_KINDS)).nullable(),
  kind: z.enum(codesOf(DOCUMENT_KINDS)),
  status: z.enum(codesOf(DOCUMENT_STATUSES)),
  statusLabel: z.string(),
  progress: z.object({
    stage: z.string().nullable(),
    stageLabel: z.string().nullable(),
    page: z.number().int().nullable(),
    pageCount: z.number().int().nullable(),
  }),
  failure: z.object({ code: z.string(), reason: z.string() }).nullable(),
  reviewFields: z.array(ReviewFieldView),
  processingMs: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const FieldView = z.object({
  path: z.string(),
  label: z.string(),
  value: z.unknown(),
  extractedValue: z.unknown(),
  corrected: z.boolean(),
  confidence: z.number().nullable(),
  page: z.number().int().nullable(),
  box: z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }).nullable(),
  review: ReviewFieldView.nullable(),
});

export const DocumentDetailView = DocumentSummaryView.extend({
  extraction: z.unknown().nullable(),
  effective: z.unknown().nullable(),
  fields: z.array(FieldView),
  links: z.array(z.object({ lineId: z.uuid(), source: z.string() })),
  /** The last 核对完成: who and when */
  reviewed: z.object({ userName: z.string(), at: z.string() }).nullable(),
});

export const CorrectionViewSchema = z.object({
  id: z.uuid(),
  path: z.string(),
  label: z.string(),
  /** 'change', 'add_row' (a report item or contract line added) or 'delete_row' */
  action: z.enum(['change', 'add_row', 'delete_row']),
  before: z.unknown(),
  after: z.unknown(),
  /** The values in Chinese, as a person reads them (合格, 委托检验, （空）…) */
  beforeText: z.string(),
  afterText: z.string(),
  userId: z.uuid(),
  userName: z.string(),
  createdAt: z.string(),
});

type Summaryish = Pick<
  DocumentListRow,
  | 'id'
  | 'schoolId'
  | 'originalName'
  | 'declaredKind'
  | 'kind'
  | 'status'
  | 'stage'
  | 'page'
  | 'pageCount'
  | 'failureCode'
  | 'failureReason'
  | 'reviewFields'
  | 'processingMs'
  | 'createdAt'
  | 'updatedAt'
>;

export function presentDocumentSummary(d: Summaryish): z.infer<typeof DocumentSummaryView> {
  return {
    id: d.id,
    schoolId: d.schoolId,
    originalName: d.originalName,
    declaredKind: d.declaredKind,
    kind: d.kind,
    status: d.status,
    statusLabel: STATUS_LABEL[d.status] ?? d.status,
    progress: {
      stage: d.stage,
      stageLabel: d.stage ? (STAGE_LABEL[d.stage] ?? d.stage) : null,
      page: d.page,
      pageCount: d.pageCount,
    },
    failure:
      d.status === 'failed' ? { code: d.failureCode ?? 'UNKNOWN', reason: d.failureReason ?? '' } : null,
    reviewFields: (d.reviewFields ?? []) as ReviewField[],
    processingMs: d.processingMs,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

const REPORT_TOP = [
  'reportNumber',
  'lab.name',
  'lab.cmaNumber',
  'lab.cnasNumber',
  'sample.name',
  'sample.model',
  'sample.trademark',
  'sample.batch',
  'sample.safetyClass',
  'client',
  'manufacturer',
  'inspectionType',
  'dates.received',
  'dates.tested',
  'dates.issued',
  'standards',
  'conclusion',
  'pages',
];
const CONTRACT_TOP = [
  'contractNumber',
  'purchaser.name',
  'supplier.name',
  'supplier.uscc',
  'signedDate',
  'deliveryDate',
  'totalAmount',
  'standards',
];
const ITEM_CELLS = ['name', 'unit', 'requirement', 'result', 'verdict'];
const LINE_CELLS = ['product', 'category', 'model', 'quantity', 'unit', 'unitPrice', 'amount'];

/** Every field path of an extraction: the top-level fields and one path per table cell. */
export function fieldPaths(e: Extraction): string[] {
  const report = e.kind === 'test_report';
  const rowsKey = report ? 'items' : 'lines';
  const rows = getPath(e, rowsKey);
  const out = [...(report ? REPORT_TOP : CONTRACT_TOP)];
  const count = Array.isArray(rows) ? rows.length : 0;
  for (let i = 0; i < count; i++) {
    for (const c of report ? ITEM_CELLS : LINE_CELLS) out.push(`${rowsKey}.${i}.${c}`);
  }
  return out;
}

export function presentDocumentDetail(
  d: DocumentWithDistrict,
  corrections: CorrectionView[],
  links: { lineId: string; source: string }[],
  reviewer: { displayName: string } | null = null,
): z.infer<typeof DocumentDetailView> {
  const extraction = storedExtraction(d.extraction);
  const effective = storedExtraction(d.effective) ?? extraction;
  const review = new Map(((d.reviewFields ?? []) as ReviewField[]).map((r) => [r.path, r]));
  const corrected = new Set(corrections.map((c) => c.path));
  const meta = extraction?.fields ?? {};
  const fields = effective
    ? fieldPaths(effective).map((path) => {
        const m = meta[path] ?? itemMeta(extraction, path);
        return {
          path,
          label: labelOf(path),
          value: getPath(effective, path) ?? null,
          extractedValue: extraction ? (getPath(extraction, path) ?? null) : null,
          corrected: [...corrected].some((c) => c === path || path.startsWith(`${c}.`)),
          confidence: typeof m?.confidence === 'number' ? m.confidence : null,
          page: typeof m?.page === 'number' ? m.page : null,
          box: m?.box ?? null,
          review: review.get(path) ?? null,
        };
      })
    : [];
  return {
    ...presentDocumentSummary(d),
    extraction,
    effective,
    fields,
    links,
    reviewed:
      d.reviewedAt && reviewer ? { userName: reviewer.displayName, at: d.reviewedAt.toISOString() } : null,
  };
}

/** Items/lines carry their own page/box/confidence in the extraction (extras). */
function itemMeta(e: Extraction | null, path: string): Partial<FieldMeta> | undefined {
  const m = /^(items|lines)\.(\d+)\./.exec(path);
  if (!e || !m) return undefined;
  const row = getPath(e, `${m[1]}.${m[2]}`) as
    { page?: number; box?: FieldMeta['box']; confidence?: number } | undefined;
  if (!row || typeof row !== 'object') return undefined;
  return { page: row.page ?? null, box: row.box ?? null, confidence: row.confidence };
}

export function presentCorrection(c: CorrectionView): z.infer<typeof CorrectionViewSchema> {
  const row = /^(items|lines)\.\d+$/.test(c.path);
  return {
    id: c.id,
    path: c.path,
    label: labelOf(c.path),
    action: row && c.before === null ? 'add_row' : row && c.after === null ? 'delete_row' : 'change',
    before: c.before,
    after: c.after,
    beforeText: describeValue(c.path, c.before),
    afterText: describeValue(c.path, c.after),
    userId: c.userId,
    userName: c.userName,
    createdAt: c.createdAt.toISOString(),
  };
}

export { FIELD_LABELS };
