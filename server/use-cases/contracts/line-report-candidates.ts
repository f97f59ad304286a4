/**
 * The 关联检验报告 checklist of a contract line: the school's test reports with what tells them apart
 * (report number, 委托单位, sample name and model, lab, issue date, conclusion), whether each counts
 * for this line (handed in, or 自动匹配) or is suggested for it, and the other lines it already serves.
 * Reports serving other lines only are left out unless asked for; `pending` counts the school's
 * documents still being read, so the page knows to refresh.
 */
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { authorize, type Principal } from '../../policies/policy';
import { findLine } from '../../../models/contract-query.repository';
import { listReportCandidates, listSuggestions } from '../../../models/line-match.repository';
import { STATUS_LABEL } from '../../presenters/document';

export interface CandidateQuery {
  /** Also list reports that serve other lines only. */
  all: boolean;
}

export async function lineReportCandidates(
  ctx: AppContext,
  user: Principal,
  lineId: string,
  q: CandidateQuery,
) {
  const line = await findLine(ctx.db, lineId);
  authorize(user, 'document.link', {
    districtId: line?.districtId ?? null,
    schoolId: line?.schoolId ?? null,
  });
  if (!line) throw notFound('合同明细行');
  const [{ docs, links }, suggestions] = await Promise.all([
    listReportCandidates(ctx.db, line.schoolId),
    listSuggestions(ctx.db, [lineId]),
  ]);
  const pending = docs.filter((d) => d.status === 'queued' || d.status === 'processing').length;
  const reports = docs.filter(
    (d) => d.kind === 'test_report' || (d.kind === 'unknown' && d.declaredKind !== 'contract'),
  );
  const items = reports.map((d) => {
    const mine = links.filter((l) => l.documentId === d.documentId);
    const here = mine.find((l) => l.lineId === lineId);
    const suggestion = suggestions.find((s) => s.documentId === d.documentId);
    return {
      documentId: d.documentId,
      originalName: d.originalName,
      status: d.status,
      statusLabel: STATUS_LABEL[d.status] ?? d.status,
      reportNumber: d.reportNumber,
      client: d.client,
      sampleName: d.sampleName,
      sampleModel: d.sampleModel,
      labName: d.labName,
      issuedDate: d.issuedDate,
      conclusion: d.conclusion,
      linkedHere: here ? here.source : null,
      suggestion: suggestion ? { score: suggestion.score, reason: suggestion.reason } : null,
      otherLines: mine
        .filter((l) => l.lineId !== lineId)
        .map((l) => ({
          lineId: l.lineId,
          lineNo: l.lineNo,
          product: l.product,
          contractNumber: l.contractNumber,
        })),
      createdAt: d.createdAt.toISOString(),
    };
  });
  const visible = items.filter((i) => q.all || i.linkedHere || i.suggestion || i.otherLines.length === 0);
  // Linked and suggested first, then the newest.
  const rank = (i: (typeof items)[number]) => (i.linkedHere ? 0 : i.suggestion ? 1 : 2);
  visible.sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt));
  return { pending, hiddenUsedElsewhere: items.length - visible.length, items: visible };
}
