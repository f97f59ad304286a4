/** An issue is one observation behind a finding; a line's findings group its issues by code. */
import type { Evidence, FindingCode } from './types';

export interface Issue {
  code: FindingCode;
  /** One Chinese sentence about this observation */
  message: string;
  evidence: Evidence[];
}

/** Evidence pointing at a report (and optionally one of its items). */
export function reportEvidence(
  report: { id: string; file: string; extraction: { fields?: Record<string, { page: number | null }> } },
  text: string,
  opts: { item?: string; page?: number | null; field?: string } = {},
): Evidence {
  const fieldPage = opts.field ? (report.extraction.fields?.[opts.field]?.page ?? null) : null;
  const ev: Evidence = { file: report.file, documentId: report.id, page: opts.page ?? fieldPage, text };
  if (opts.item !== undefined) ev.item = opts.item;
  return ev;
}
