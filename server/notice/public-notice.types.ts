/**
 * The 双送检结果公示 as data: what the use case builds (use-cases/compliance/public-notice.ts) and the
 * printable page and the PDF (public-notice-pdf.ts) show.
 */
export interface NoticeReport {
  labName: string | null;
  reportNumber: string | null;
  issuedDate: string | null;
  conclusion: string | null;
}

export interface PublicNotice {
  school: { id: string; name: string };
  district: { name: string; bureauName: string } | null;
  /** YYYY-MM-DD */
  generatedOn: string;
  verified: {
    contractNumber: string | null;
    product: string;
    model: string | null;
    supplier: string | null;
    quantity: string | null;
    supplierReports: NoticeReport[];
    schoolReports: NoticeReport[];
    /** YYYY-MM-DD: when verification last ran on the line's evidence */
    verifiedOn: string;
  }[];
  pending: {
    contractNumber: string | null;
    product: string;
    supplier: string | null;
    status: string;
    statusLabel: string;
  }[];
}

const CONCLUSION: Record<string, string> = { pass: '合格', fail: '不合格' };

/** The conclusion in Chinese (合格 / 不合格), for the notice. */
export const conclusionLabel = (c: string | null) => (c ? (CONCLUSION[c] ?? c) : '—');
