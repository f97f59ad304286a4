/**
 * The extraction shape (shared/spec/extraction.md, version 1) and the text model parsers read.
 * Required fields follow the spec exactly; extras (confidence, boxes, warnings) are allowed.
 */

/** A rectangle on a page, as fractions (0..1) of the page width and height, origin top-left. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One line of text as read from a page (text layer or OCR). */
export interface TextLine {
  text: string;
  /** Table cells when the source separates them (pdf text layer: tab-separated). */
  cells?: string[];
  /** Box of each cell (same order as `cells`) when the source knows positions. */
  cellBoxes?: (Box | null)[];
  /** The text runs (PDF text items or OCR words) with their boxes, in reading order, when known. */
  words?: { text: string; box: Box | null; confidence?: number }[];
  box: Box | null;
  /** 0..1; 1 for a PDF text layer. */
  confidence: number;
}

export interface PageText {
  /** 1-based page number */
  page: number;
  source: 'text_layer' | 'ocr';
  lines: TextLine[];
  /**
   * Ruling lines (table borders) drawn on the page, as thin boxes in page fractions, when known:
   * from a text PDF's drawing operators, or detected on a scanned page's image.
   */
  rules?: Box[];
  /**
   * OCR'd pages: the slope of the text lines (dy/dx in page fractions) when the engine measured it — a
   * photo taken slightly askew keeps it after the image was prepared; boxes are as read (not levelled).
   */
  skew?: number;
  /**
   * … and on a photo taken at an angle (keystone), how that slope changes down the page: the slope at
   * height y is skew + skewGradient × (y − skewOrigin). Absent: one slope for the whole page.
   */
  skewGradient?: number;
  skewOrigin?: number;
}

export type DocumentForm = 'text_pdf' | 'scanned_pdf' | 'photo';

export interface DocumentText {
  form: DocumentForm;
  pages: PageText[];
}

export type Verdict = 'pass' | 'fail' | 'n/a';
/** 产品类别: the four kinds of goods the 双送检 notice covers — the one list (database enum, schemas, registry). */
export const PRODUCT_CATEGORIES = [
  'school_uniform', // 中小学生校服
  'kindergarten_garment', // 幼儿园园服
  'plastic_toy', // 塑料制品玩具
  'bedding', // 学生被褥
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export interface ReportItem {
  name: string;
  unit: string | null;
  requirement: string | null;
  result: string | null;
  verdict: Verdict | null;
  /** extras */
  page?: number;
  box?: Box | null;
  confidence?: number;
  /** the verdict was read from a mark OCR misread (√ as "<"): a reviewer must confirm it */
  verdictFromMisread?: string;
  /** the verdict a summary page prints for this item, when it is not the one its detail row prints */
  verdictInSummary?: Verdict;
}

export interface TestReportExtraction {
  kind: 'test_report';
  reportNumber: string | null;
  lab: { name: string | null; cmaNumber: string | null; cnasNumber: string | null };
  sample: {
    name: string | null;
    model: string | null;
    trademark: string | null;
    batch: string | null;
    safetyClass: 'A' | 'B' | 'C' | null;
    /** extra: a production date printed under its own label (生产日期), YYYY-MM-DD or YYYY-MM */
    productionDate?: string | null;
  };
  client: string | null;
  manufacturer: string | null;
  inspectionType: 'commissioned' | 'sampling' | 'supervision' | null;
  dates: { received: string | null; tested: string | null; issued: string | null };
  standards: string[];
  items: ReportItem[];
  conclusion: 'pass' | 'fail' | null;
  pages: number;
  /** extra: the 3C (CCC) certificate number when the report prints one (toys are in the CCC catalogue) */
  cccNumber?: string | null;
  /** extras: per-field confidence/location and what needs review */
  fields?: Record<string, FieldMeta>;
  review?: ReviewFlag[];
  form?: DocumentForm;
  /** pages OCR read turned upright: page number → clockwise degrees (boxes refer to the turned page) */
  pageRotations?: Record<string, 90 | 180 | 270>;
}

export interface ContractLine {
  lineNo?: number;
  product: string;
  category: ProductCategory | null;
  model: string | null;
  quantity: number | null;
  unit: string | null;
  unitPrice: number | null;
  amount: number | null;
  /** extra: the 3C (CCC) certificate number when the contract shows one for the line */
  cccNumber?: string | null;
  /** extras: the batch (批号) and production date (生产日期) when the contract states them for the line */
  batch?: string | null;
  productionDate?: string | null;
}

export interface ContractExtraction {
  kind: 'contract';
  contractNumber: string | null;
  purchaser: { name: string | null };
  supplier: { name: string | null; uscc: string | null };
  signedDate: string | null;
  deliveryDate: string | null;
  lines: ContractLine[];
  totalAmount: number | null;
  standards: string[];
  pages?: number;
  fields?: Record<string, FieldMeta>;
  review?: ReviewFlag[];
  form?: DocumentForm;
  /** pages OCR read turned upright: page number → clockwise degrees (boxes refer to the turned page) */
  pageRotations?: Record<string, 90 | 180 | 270>;
}

export type Extraction = TestReportExtraction | ContractExtraction;

/** Where a field was read and how sure we are. Key: a dotted path like `sample.model`. */
export interface FieldMeta {
  confidence: number;
  page: number | null;
  box: Box | null;
  /** the raw text the value came from */
  source?: string;
}

export interface ReviewFlag {
  path: string;
  /** e.g. 'missing', 'low_confidence', 'invalid_format' */
  reason: string;
  message: string;
}
