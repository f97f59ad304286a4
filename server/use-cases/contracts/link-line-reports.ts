/**
 * School staff say which test reports count for a contract line (送检报告关联): set the whole list,
 * confirm one report (a suggestion, or an automatic match made the school's), or rule one out (undo an
 * automatic match, dismiss a suggestion, remove a link — the service never proposes that pair again).
 * Every change is recorded in the audit log; the reports involved are matched again and verification
 * is recomputed for the lines whose links changed.
 */
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import { authorize, type Principal } from '../../policies/policy';
import { recomputeForDocument } from '../verification/recompute';
import { findDocument } from '../../../models/document.repository';
import { findLine } from '../../../models/contract-query.repository';
import { confirmLinkClient, listLinks } from '../../../models/line-report.repository';
import { confirmMatch, dismissMatch } from '../../../models/line-match.repository';
import { recordAudit } from '../../../models/audit.repository';
import { rematchReports } from './match-reports';

type Line = NonNullable<Awaited<ReturnType<typeof findLine>>>;

/** The line, if the user may link reports to it. */
async function lineFor(ctx: AppContext, user: Principal, lineId: string): Promise<Line> {
  const line = await findLine(ctx.db, lineId);
  authorize(user, 'document.link', {
    districtId: line?.districtId ?? null,
    schoolId: line?.schoolId ?? null,
  });
  if (!line) throw notFound('合同明细行');
  return line;
}

/** A test report of the line's school, or NOT_FOUND / VALIDATION_FAILED. */
async function reportFor(ctx: AppContext, line: Line, documentId: string) {
  const doc = await findDocument(ctx.db, documentId);
  if (!doc || doc.schoolId !== line.schoolId) throw new AppError('NOT_FOUND', `未找到文档 ${documentId}`);
  if (doc.kind === 'contract' || (doc.kind === 'unknown' && doc.declaredKind === 'contract')) {
    throw new AppError(
      'VALIDATION_FAILED',
      `文档「${doc.originalName}」是采购合同，只有检验报告可以关联到合同明细行`,
    );
  }
  return doc;
}

/**
 * Makes the reports counted for the line exactly `documentIds`, as handed in by the school (an
 * automatic match left ticked is thereby confirmed); every other link — handed in or automatic — is
 * removed and ruled out.
 */
export async function linkLineReports(
  ctx: AppContext,
  user: Principal,
  lineId: string,
  documentIds: string[],
): Promise<{ added: string[]; removed: string[] }> {
  const line = await lineFor(ctx, user, lineId);
  const unique = [...new Set(documentIds)];
  for (const id of unique) await reportFor(ctx, line, id);
  const change = await ctx.db.transaction(async (tx) => {
    const links = await listLinks(tx, [lineId]);
    const school = new Set(links.filter((l) => l.source === 'school').map((l) => l.documentId));
    const counted = new Set(links.filter((l) => l.source !== 'proposed').map((l) => l.documentId));
    const wanted = new Set(unique);
    const added = unique.filter((d) => !school.has(d));
    const removed = [...counted].filter((d) => !wanted.has(d));
    for (const documentId of added) await confirmMatch(tx, { lineId, documentId, userId: user.id });
    for (const documentId of removed) await dismissMatch(tx, { lineId, documentId, userId: user.id });
    if (added.length || removed.length) {
      await recordAudit(tx, {
        userId: user.id,
        action: 'line.reports.set',
        resourceType: 'contract_line',
        resourceId: lineId,
        districtId: line.districtId,
        details: { contractId: line.contractId, added, removed },
      });
    }
    return { added, removed };
  });
  await afterLinkChange(ctx, line, [...change.added, ...change.removed]);
  return change;
}

/** The school confirms that a report counts for the line (a suggestion, or an automatic match). */
export async function confirmLineReport(
  ctx: AppContext,
  user: Principal,
  lineId: string,
  documentId: string,
): Promise<{ linked: boolean }> {
  const line = await lineFor(ctx, user, lineId);
  await reportFor(ctx, line, documentId);
  await ctx.db.transaction(async (tx) => {
    const { previousSource } = await confirmMatch(tx, { lineId, documentId, userId: user.id });
    await recordAudit(tx, {
      userId: user.id,
      action: 'line.report.confirm',
      resourceType: 'contract_line',
      resourceId: lineId,
      districtId: line.districtId,
      details: { contractId: line.contractId, documentId, previousSource },
    });
  });
  await afterLinkChange(ctx, line, [documentId]);
  return { linked: true };
}

/**
 * The school rules a report out for the line: an automatic match is undone, a suggestion dismissed, a
 * link removed; the service does not propose the pair again.
 */
export async function dismissLineReport(
  ctx: AppContext,
  user: Principal,
  lineId: string,
  documentId: string,
): Promise<{ linked: boolean }> {
  const line = await lineFor(ctx, user, lineId);
  await reportFor(ctx, line, documentId);
  await ctx.db.transaction(async (tx) => {
    const { removedSource, wasSuggested } = await dismissMatch(tx, { lineId, documentId, userId: user.id });
    await recordAudit(tx, {
      userId: user.id,
      action: removedSource === 'auto' ? 'line.report.undo_auto' : 'line.report.dismiss',
      resourceType: 'contract_line',
      resourceId: lineId,
      districtId: line.districtId,
      details: { contractId: line.contractId, documentId, removedSource, wasSuggested },
    });
  });
  await afterLinkChange(ctx, line, [documentId]);
  return { linked: false };
}

/**
 * A person confirms with one click that a report's 委托单位, printed near (not equal to) the line's
 * supplier, school or bureau, is that party (a misreading, checked against the original). The printed
 * name, who and when are recorded with the link and in the audit log; the confirmation lapses when the
 * report's 委托单位 is corrected to something else.
 */
export async function confirmLineClient(
  ctx: AppContext,
  user: Principal,
  lineId: string,
  documentId: string,
): Promise<{ confirmed: boolean; client: string }> {
  const line = await lineFor(ctx, user, lineId);
  const doc = await reportFor(ctx, line, documentId);
  const effective = (doc.effective ?? {}) as { client?: unknown };
  const client = typeof effective.client === 'string' ? effective.client.trim() : '';
  if (!client) {
    throw new AppError('VALIDATION_FAILED', `报告「${doc.originalName}」未显示委托单位，无法确认`);
  }
  await ctx.db.transaction(async (tx) => {
    const linked = await confirmLinkClient(tx, { lineId, documentId, client, userId: user.id });
    if (!linked) {
      throw new AppError(
        'VALIDATION_FAILED',
        `报告「${doc.originalName}」未关联到该明细行，无法确认委托单位`,
      );
    }
    await recordAudit(tx, {
      userId: user.id,
      action: 'line.report.client_confirm',
      resourceType: 'contract_line',
      resourceId: lineId,
      districtId: line.districtId,
      details: { contractId: line.contractId, documentId, client },
    });
  });
  await afterLinkChange(ctx, line, [documentId]);
  return { confirmed: true, client };
}

/** The reports involved are matched again; verification follows every line whose links changed. */
async function afterLinkChange(ctx: AppContext, line: Line, documentIds: string[]): Promise<void> {
  let changed: string[] = [];
  try {
    changed = (await rematchReports(ctx, line.schoolId, line.districtId, documentIds)).changedLineIds;
  } catch (e) {
    ctx.logger.error({ err: e, lineId: line.id }, 'matching after linking failed');
  }
  const lineIds = [...new Set([line.id, ...changed])];
  const touched = [...(line.contractDocumentId ? [line.contractDocumentId] : []), ...documentIds];
  for (const id of touched) {
    try {
      await recomputeForDocument(ctx, id, { lineIds });
    } catch (e) {
      ctx.logger.error({ err: e, documentId: id }, 'verification recompute after linking failed');
    }
  }
}
