/**
 * 双送检结果公示: what a school publishes about its centrally purchased goods — for every contract line
 * verified compliant, the product, supplier, quantity, and each side's report (lab, number, issue date,
 * conclusion) with the verification date; every other line is listed as pending with its status.
 * The same data feeds the printable page and the PDF (server/notice/public-notice-pdf.ts).
 */
import type { Db } from '../../../models/db';
import { findDistrict, findSchool } from '../../../models/district.repository';
import { notFound } from '../../errors';
import { decideSide } from '../../verify/parties';
import { LINE_STATUS_LABELS, loadLineSummaries } from './compliance-views';
import type { NoticeReport, PublicNotice } from '../../notice/public-notice.types';

const quantityOf = (q: string | null, unit: string | null) =>
  q === null ? null : `${Number(q).toLocaleString('zh-CN')}${unit ?? ''}`;

export async function buildPublicNotice(db: Db, schoolId: string): Promise<PublicNotice> {
  const school = await findSchool(db, schoolId);
  if (!school) throw notFound('学校');
  const district = await findDistrict(db, school.districtId);
  const summaries = await loadLineSummaries(db, { schoolId });
  const notice: PublicNotice = {
    school: { id: school.id, name: school.name },
    district: district ? { name: district.name, bureauName: district.bureauName } : null,
    generatedOn: new Date().toISOString().slice(0, 10),
    verified: [],
    pending: [],
  };
  for (const s of summaries) {
    const l = s.line;
    if (s.status !== 'compliant' || !s.dualCovered) {
      notice.pending.push({
        contractNumber: l.contractNumber,
        product: l.product,
        supplier: l.supplierName,
        status: s.status,
        statusLabel: LINE_STATUS_LABELS[s.status],
      });
      continue;
    }
    const sides = s.reports.map((r) => ({
      r,
      side: decideSide(
        r.client,
        { supplier: l.supplierName ?? '', purchaser: l.schoolName },
        { name: district?.name ?? '', bureauName: district?.bureauName ?? '' },
        [],
        r.clientConfirmed,
      ).side,
    }));
    const report = (x: (typeof sides)[number]): NoticeReport => ({
      labName: x.r.labName,
      reportNumber: x.r.reportNumber,
      issuedDate: x.r.issuedDate,
      conclusion: x.r.conclusion,
    });
    const last = s.reports
      .map((r) => r.documentUpdatedAt.toISOString().slice(0, 10))
      .sort()
      .pop();
    notice.verified.push({
      contractNumber: l.contractNumber,
      product: l.product,
      model: l.model,
      supplier: l.supplierName,
      quantity: quantityOf(l.quantity, l.unit),
      supplierReports: sides.filter((x) => x.side === 'supplier').map(report),
      schoolReports: sides.filter((x) => x.side === 'purchaser').map(report),
      verifiedOn: last ?? notice.generatedOn,
    });
  }
  return notice;
}
