/**
 * Upload of one or many files by school staff. For each file (already streamed into tmp/ with its hash):
 * inspect the real type and limits → in one transaction (serialised per content hash): blob row,
 * document row (or the existing one: duplicate), report links, the file renamed into originals/ →
 * after commit, the processing job is sent. A refused file is reported with its code and removed;
 * no failure leaves a file or a row behind.
 */
import fsp from 'node:fs/promises';
import type { AppContext } from '../../context';
import { AppError, ERROR_TABLE, type ErrorCode } from '../../errors';
import { authorize, type Principal } from '../../policies/policy';
import { inspectFile } from '../../intake/inspect-file';
import type { UploadedFile } from '../../storage/file-store';
import { getFileStore } from '../../storage/file-store.service';
import { findBlob, insertBlob, insertQueuedDocument, lockContent } from '../../../models/document.repository';
import { findLinesWithSchool } from '../../../models/document-rows.repository';
import { addSchoolLinks } from '../../../models/line-report.repository';
import { recordAudit } from '../../../models/audit.repository';

export interface UploadCommand {
  user: Principal;
  files: UploadedFile[];
  declaredKind?: 'contract' | 'test_report';
  /** Contract lines the uploaded reports are handed in for. */
  lineIds: string[];
}

export interface UploadFileResult {
  fileName: string;
  /** The document (new, or the existing one for a duplicate). */
  id?: string;
  status?: string;
  duplicate: boolean;
  /** Set when the file was refused or is a duplicate. */
  code?: ErrorCode;
  message?: string;
}

export async function uploadDocuments(ctx: AppContext, cmd: UploadCommand): Promise<UploadFileResult[]> {
  const { user } = cmd;
  authorize(user, 'document.upload', { districtId: user.districtId, schoolId: user.schoolId });
  const schoolId = user.schoolId;
  if (!schoolId) throw new AppError('FORBIDDEN', '您的账户未关联学校，不能上传文件');
  if (cmd.files.length === 0) throw new AppError('VALIDATION_FAILED', '请选择要上传的文件（字段名 files）');
  if (cmd.lineIds.length && cmd.declaredKind === 'contract') {
    throw new AppError('VALIDATION_FAILED', '合同不能关联到合同明细行，只有检验报告可以');
  }
  const lines = await findLinesWithSchool(ctx.db, cmd.lineIds);
  if (lines.length !== new Set(cmd.lineIds).size || lines.some((l) => l.schoolId !== schoolId)) {
    throw new AppError('NOT_FOUND', '未找到指定的合同明细行');
  }

  const results: UploadFileResult[] = [];
  for (const file of cmd.files) {
    results.push(await storeOne(ctx, cmd, schoolId, file));
  }
  return results;
}

async function storeOne(
  ctx: AppContext,
  cmd: UploadCommand,
  schoolId: string,
  file: UploadedFile,
): Promise<UploadFileResult> {
  const store = getFileStore(ctx);
  const fileName = file.originalName;
  try {
    const data = await fsp.readFile(file.tmpPath);
    const inspected = await inspectFile(data, { maxPages: ctx.config.MAX_PAGES });
    let createdFile = false;
    const doc = await ctx.db.transaction(async (tx) => {
      await lockContent(tx, file.sha256);
      await insertBlob(tx, {
        sha256: file.sha256,
        size: file.size,
        mime: inspected.mime,
        pages: inspected.pages,
      });
      const d = await insertQueuedDocument(tx, {
        schoolId,
        uploadedBy: cmd.user.id,
        sha256: file.sha256,
        originalName: fileName,
        declaredKind: cmd.declaredKind ?? null,
        pageCount: inspected.pages,
      });
      createdFile = await store.commitTemp(file.tmpPath, file.sha256);
      try {
        await addSchoolLinks(
          tx,
          cmd.lineIds.map((lineId) => ({ lineId, documentId: d.id, linkedBy: cmd.user.id })),
        );
        if (!d.duplicate) {
          await recordAudit(tx, {
            userId: cmd.user.id,
            action: 'document.upload',
            resourceType: 'document',
            resourceId: d.id,
            districtId: cmd.user.districtId,
            details: { sha256: file.sha256, size: file.size, pages: inspected.pages, lineIds: cmd.lineIds },
          });
        }
      } catch (e) {
        // Still under the content lock: nobody else can have started using the file we just placed.
        if (createdFile) await store.removeOriginal(file.sha256);
        createdFile = false;
        throw e;
      }
      return d;
    });
    if (!doc.duplicate) {
      await ctx.services.documentJobs.enqueue(doc.id, { pages: inspected.pages, reason: 'upload' });
      return { fileName, id: doc.id, status: 'queued', duplicate: false };
    }
    return {
      fileName,
      id: doc.id,
      status: doc.status,
      duplicate: true,
      code: 'DUPLICATE_DOCUMENT',
      message: `该文件已上传过（文档编号 ${doc.id}）`,
    };
  } catch (e) {
    await store.removeTemp(file.tmpPath).catch(() => undefined);
    await removeIfUnreferenced(ctx, file.sha256);
    if (e instanceof AppError) return { fileName, duplicate: false, code: e.code, message: e.userMessage };
    ctx.logger.error({ err: e, fileName }, 'upload failed');
    return { fileName, duplicate: false, code: 'INTERNAL', message: ERROR_TABLE.INTERNAL.message };
  }
}

/** After a failed commit: an original without a blob row is an orphan; remove it (under the content lock). */
async function removeIfUnreferenced(ctx: AppContext, sha256: string): Promise<void> {
  const store = getFileStore(ctx);
  if (!(await store.hasOriginal(sha256))) return;
  await ctx.db.transaction(async (tx) => {
    await lockContent(tx, sha256);
    if (!(await findBlob(tx, sha256))) await store.removeOriginal(sha256);
  });
}
