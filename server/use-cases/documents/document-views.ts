/**
 * Reading documents within the user's scope: the guard every document route uses, the list, the
 * review page's data (corrections, the contract lines it serves, who completed the review) and the
 * original file.
 */
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { authorize, listScope, type Principal } from '../../policies/policy';
import {
  findBlob,
  findDocument,
  listCorrections,
  listDocuments,
  type DocumentListFilter,
  type DocumentWithDistrict,
} from '../../../models/document.repository';
import { linesOfDocument } from '../../../models/line-report.repository';
import { findUser } from '../../../models/user.repository';
import { getFileStore } from '../../storage/file-store.service';

/** Loads a document the user may act on, or throws NOT_FOUND / FORBIDDEN. */
export async function documentFor(
  ctx: AppContext,
  user: Principal,
  id: string,
  action: 'document.read' | 'document.correct' | 'document.link',
): Promise<DocumentWithDistrict> {
  const doc = await findDocument(ctx.db, id);
  authorize(user, action, { districtId: doc?.districtId ?? null, schoolId: doc?.schoolId ?? null });
  if (!doc) throw notFound('文档');
  return doc;
}

/** The documents in the user's scope; a district-wide reader may narrow to one school. */
export async function listVisibleDocuments(
  ctx: AppContext,
  user: Principal,
  filter: Omit<DocumentListFilter, 'districtId'>,
) {
  const scope = listScope(user, 'document.read');
  return listDocuments(ctx.db, {
    ...filter,
    ...scope,
    ...(filter.schoolId && !scope.schoolId ? { schoolId: filter.schoolId } : {}),
  });
}

/** What the review page shows beside the document: corrections, served lines, the reviewer. */
export async function documentReviewData(ctx: AppContext, doc: DocumentWithDistrict) {
  const [corrections, links, reviewer] = await Promise.all([
    listCorrections(ctx.db, doc.id),
    linesOfDocument(ctx.db, doc.id),
    doc.reviewedBy ? findUser(ctx.db, doc.reviewedBy) : Promise.resolve(undefined),
  ]);
  return { corrections, links, reviewer: reviewer ?? null };
}

/** A document by id without a user check (the caller checks the returned tenancy: cached reads). */
export function findDocumentById(ctx: AppContext, id: string): Promise<DocumentWithDistrict | undefined> {
  return findDocument(ctx.db, id);
}

export async function documentCorrections(ctx: AppContext, user: Principal, id: string) {
  const doc = await documentFor(ctx, user, id, 'document.read');
  return listCorrections(ctx.db, doc.id);
}

/** The original file as uploaded, with its type and the name the user gave it. */
export async function originalFile(ctx: AppContext, user: Principal, id: string) {
  const doc = await documentFor(ctx, user, id, 'document.read');
  const blob = await findBlob(ctx.db, doc.sha256);
  const data = await getFileStore(ctx).readOriginal(doc.sha256);
  return { data, mime: blob?.mime ?? null, originalName: doc.originalName };
}
