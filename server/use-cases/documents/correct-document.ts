/**
 * A person corrects extracted fields: each change is validated against its field's schema, stored in
 * field_corrections (who, when, before, after), `effective` is rebuilt from extraction + corrections,
 * review fields recomputed, the structured rows rebuilt — in one transaction — then verification is
 * recomputed.
 */
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import type { Principal } from '../../policies/policy';
import { fieldSchema, getPath, PathError, setPath } from '../../review/field-paths';
import { applyCorrections } from '../../review/effective';
import { reviewFieldsFor } from '../../review/review-fields';
import { loadRegistries } from '../registry/registry-versions';
import { recomputeForDocument } from '../verification/recompute';
import { saveDocumentResult } from './store-document-result';
import { documentFor } from './document-views';
import { matchDocumentToLines } from '../contracts/match-reports';
import { insertCorrections, listCorrections } from '../../../models/document.repository';
import { storedExtraction } from '../../../parsers/extraction-schema';

export interface FieldChange {
  path: string;
  value: unknown;
}

export async function correctDocument(
  ctx: AppContext,
  user: Principal,
  documentId: string,
  changes: FieldChange[],
): Promise<{ applied: number }> {
  const doc = await documentFor(ctx, user, documentId, 'document.correct');
  if (doc.status === 'queued' || doc.status === 'processing') {
    throw new AppError('CONFLICT', '文档正在识别处理中，请处理完成后再更正');
  }
  const extraction = storedExtraction(doc.extraction);
  if (!extraction) throw new AppError('CONFLICT', '该文档未能识别出字段，无法更正');
  const kind = extraction.kind;

  const parsed: FieldChange[] = [];
  const problems: { field: string; message: string }[] = [];
  changes.forEach((c, i) => {
    const schema = fieldSchema(kind, c.path);
    if (!schema) {
      problems.push({ field: `body.${i}.path`, message: `字段 ${c.path} 不可更正` });
      return;
    }
    const r = schema.safeParse(c.value);
    if (!r.success) {
      problems.push({
        field: `body.${i}.value`,
        message: `${c.path}: ${r.error.issues.map((x) => x.message).join('；')}`,
      });
    } else parsed.push({ path: c.path, value: r.data });
  });
  if (problems.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `提交的数据不符合要求：${problems.map((p) => p.message).join('；')}`,
      problems,
    );
  }

  let applied = 0;
  let previousReportNumber: string | null | undefined;
  await ctx.db.transaction(async (tx) => {
    // One correction at a time per document (two reviewers saving at once are serialised).
    await tx.execute(sql`select id from documents where id = ${documentId} for update`);
    const existing = await listCorrections(tx, documentId);
    const working = applyCorrections(extraction, existing) as unknown as Record<string, unknown>;
    const rows: { documentId: string; path: string; before: unknown; after: unknown; userId: string }[] = [];
    for (const c of parsed) {
      const before = getPath(working, c.path) ?? null;
      if (isDeepStrictEqual(before, c.value)) continue;
      try {
        setPath(working, c.path, structuredClone(c.value));
      } catch (e) {
        if (e instanceof PathError) {
          throw new AppError('VALIDATION_FAILED', e.message, [{ field: 'path', message: e.message }]);
        }
        throw e;
      }
      rows.push({ documentId, path: c.path, before, after: c.value, userId: user.id });
    }
    if (rows.length === 0) return;
    const before = (applyCorrections(extraction, existing) as { reportNumber?: string | null }).reportNumber;
    if (rows.some((r) => r.path === 'reportNumber')) previousReportNumber = before ?? null;
    await insertCorrections(tx, rows);
    const all = [...existing, ...rows];
    const effective = applyCorrections(extraction, all);
    const reviewFields = await reviewFieldsFor(
      tx,
      doc,
      effective,
      all.map((c) => c.path),
      await loadRegistries(tx),
    );
    await saveDocumentResult(tx, doc, { effective, reviewFields });
    applied = rows.length;
  });
  if (applied) {
    try {
      const { changedLineIds } = await matchDocumentToLines(ctx, documentId);
      await recomputeForDocument(ctx, documentId, { previousReportNumber, lineIds: changedLineIds });
    } catch (e) {
      ctx.logger.error({ err: e, documentId }, 'verification recompute after correction failed');
    }
  }
  return { applied };
}
