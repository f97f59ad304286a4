/**
 * Documents: upload (multipart, 202), status/list, review (fields, corrections), page images and the
 * original file. Handlers are thin: schemas here, work in use cases, JSON from presenters.
 */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { AppError, ERROR_TABLE, notFound } from '../../errors';
import { authorize } from '../../policies/policy';
import { sendCached } from '../../http/read-cache';
import {
  CorrectionViewSchema,
  DocumentDetailView,
  DocumentSummaryView,
  presentCorrection,
  presentDocumentDetail,
  presentDocumentSummary,
} from '../../presenters/document';
import { uploadedFiles, uploadMiddleware } from '../../middleware/upload';
import { uploadDocuments, type UploadFileResult } from '../../use-cases/documents/upload-documents';
import { correctDocument } from '../../use-cases/documents/correct-document';
import {
  documentCorrections,
  documentFor,
  documentReviewData,
  findDocumentById,
  listVisibleDocuments,
  originalFile,
} from '../../use-cases/documents/document-views';
import { renderDocumentPage } from '../../use-cases/documents/render-document-page';
import { reprocessDocument } from '../../use-cases/documents/reprocess-document';
import { completeReview } from '../../use-cases/documents/complete-review';
import { getFileStore } from '../../storage/file-store.service';
import { codesOf, DOCUMENT_KINDS, DOCUMENT_STATUSES } from '../../vocabulary';
import type { AppContext } from '../../context';

const IdParams = z.object({ id: z.uuid({ error: '无效的文档编号' }) });
const PageParams = IdParams.extend({
  n: z.coerce.number().int('页码应为整数').min(1, '页码从 1 开始').max(10000),
});

const PageImageQuery = z.object({
  size: z
    .enum(['screen', 'full'], { message: 'size 应为 screen（屏幕）或 full（原分辨率）' })
    .default('screen'),
});

/** Form fields of an upload (files travel in the `files` field). */
export const UploadDocumentsRequest = z.object({
  /** Documented only: multer takes the files out of the form (req.files) before validation. */
  files: z
    .array(z.string().meta({ format: 'binary' }))
    .optional()
    .describe('文件（PDF、JPEG、PNG，按内容识别类型），可多个；单个文件不超过 MAX_UPLOAD_MB'),
  kind: z
    .enum(['contract', 'test_report'], { message: '文件类型应为 contract（合同）或 test_report（检验报告）' })
    .optional(),
  /** One id, several `lineIds` fields, or a comma-separated list. */
  lineIds: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(','))))
    .transform((ids) => ids.map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.uuid({ error: '无效的合同明细行编号' })).max(50)),
});

const UploadFileResultView = z.object({
  fileName: z.string(),
  id: z.uuid().optional(),
  status: z.string().optional(),
  duplicate: z.boolean(),
  code: z.string().optional(),
  message: z.string().optional(),
});
const UploadResponse = z.object({ documents: z.array(UploadFileResultView), accepted: z.number().int() });

const ListQuery = z.object({
  status: z.enum(codesOf(DOCUMENT_STATUSES)).optional(),
  kind: z.enum(codesOf(DOCUMENT_KINDS)).optional(),
  schoolId: z.uuid({ error: '无效的学校编号' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const FieldChanges = z
  .array(
    z.object({
      path: z.string().min(1, '请指定字段').max(100),
      value: z.unknown(),
    }),
  )
  .min(1, '至少更正一个字段')
  .max(200, '一次最多更正 200 个字段');

/** One upload answer: 202 when something new was accepted, else the (shared) refusal. */
function uploadOutcome(results: UploadFileResult[]) {
  const accepted = results.filter((r) => r.id && !r.duplicate).length;
  if (accepted > 0) return { documents: results, accepted };
  const refused = results.find((r) => !r.duplicate && r.code) ?? results[0];
  const code = refused?.code ?? 'BAD_REQUEST';
  throw new AppError(code, refused?.message ?? ERROR_TABLE[code].message, { files: results });
}

/** A document with its correction history and the contract lines it serves (the review page's data). */
async function documentDetail(ctx: AppContext, doc: Awaited<ReturnType<typeof documentFor>>) {
  const { corrections, links, reviewer } = await documentReviewData(ctx, doc);
  return presentDocumentDetail(doc, corrections, links, reviewer);
}

export const documentRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/documents',
    summary: '上传文件（PDF、JPEG、PNG，可多个），返回 202 与文档编号；识别在后台进行',
    tag: '文档',
    access: 'user',
    multipart: true,
    before: (ctx) => uploadMiddleware(ctx, () => getFileStore(ctx)),
    body: UploadDocumentsRequest,
    response: UploadResponse,
    status: 202,
    handler: async ({ ctx, user, body, req }) => {
      // Every tmp file not moved into originals/ is removed when the response ends (middleware/upload.ts).
      const results = await uploadDocuments(ctx, {
        user,
        files: uploadedFiles(req),
        declaredKind: body.kind,
        lineIds: body.lineIds,
      });
      return uploadOutcome(results);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/documents',
    summary: '文档列表（按权限范围），含处理状态',
    tag: '文档',
    access: 'user',
    query: ListQuery,
    response: z.object({ items: z.array(DocumentSummaryView), total: z.number().int() }),
    handler: async ({ ctx, user, query }) => {
      const { rows, total } = await listVisibleDocuments(ctx, user, {
        schoolId: query.schoolId,
        status: query.status,
        kind: query.kind,
        limit: query.limit,
        offset: query.offset,
      });
      return { items: rows.map(presentDocumentSummary), total };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/documents/:id',
    summary: '文档详情：处理状态、识别出的全部字段（置信度、页码、位置）与更正后的有效值',
    tag: '文档',
    access: 'user',
    params: IdParams,
    response: DocumentDetailView,
    handler: async ({ ctx, user, params, res }) =>
      sendCached(
        ctx,
        res,
        `document:${params.id}`,
        async () => {
          const doc = await findDocumentById(ctx, params.id);
          if (!doc) return { body: null, meta: null };
          return {
            body: await documentDetail(ctx, doc),
            meta: { districtId: doc.districtId, schoolId: doc.schoolId },
          };
        },
        (meta) => {
          authorize(user, 'document.read', meta ?? { districtId: null, schoolId: null });
          if (!meta) throw notFound('文档');
        },
      ),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/documents/:id/fields',
    summary: '更正识别字段：[{ path, value }]，按字段类型校验；记录更正人、时间、更正前后值',
    tag: '文档',
    access: 'user',
    params: IdParams,
    body: FieldChanges,
    response: DocumentDetailView,
    handler: async ({ ctx, user, params, body }) => {
      await correctDocument(
        ctx,
        user,
        params.id,
        body.map((c) => ({ path: c.path, value: c.value })),
      );
      const doc = await documentFor(ctx, user, params.id, 'document.read').catch(() =>
        documentFor(ctx, user, params.id, 'document.correct'),
      );
      return documentDetail(ctx, doc);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/documents/:id/review-complete',
    summary:
      '核对完成：确认已对照原件核对全部字段，清除待人工核对标记（仍待核对的字段视为已确认），记录核对人与时间',
    tag: '文档',
    access: 'user',
    params: IdParams,
    response: DocumentDetailView,
    handler: async ({ ctx, user, params }) => {
      await completeReview(ctx, user, params.id);
      return documentDetail(ctx, await documentFor(ctx, user, params.id, 'document.correct'));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/documents/:id/reprocess',
    summary: '重新识别文档（保留已有的人工更正），返回 202',
    tag: '文档',
    access: 'user',
    params: IdParams,
    response: DocumentSummaryView,
    status: 202,
    handler: async ({ ctx, user, params }) => {
      await reprocessDocument(ctx, user, params.id);
      return presentDocumentSummary(await documentFor(ctx, user, params.id, 'document.correct'));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/documents/:id/corrections',
    summary: '字段更正记录（先后顺序）',
    tag: '文档',
    access: 'user',
    params: IdParams,
    response: z.array(CorrectionViewSchema),
    handler: async ({ ctx, user, params }) => {
      return (await documentCorrections(ctx, user, params.id)).map(presentCorrection);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/documents/:id/pages/:n/image',
    summary:
      '文档第 n 页的 JPEG 图片（供人工核对；拍照和扫描件显示矫正后的页面，与字段位置框一致；size=full 为放大查看用的原分辨率）',
    tag: '文档',
    access: 'user',
    params: PageParams,
    query: PageImageQuery,
    produces: ['image/jpeg'],
    handler: async ({ ctx, user, params, query, res }) => {
      const doc = await documentFor(ctx, user, params.id, 'document.read');
      const jpeg = await renderDocumentPage(ctx, doc, params.n, query.size);
      res.setHeader('Cache-Control', 'private, max-age=3600');
      res.type('image/jpeg').send(jpeg);
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/documents/:id/file',
    summary: '下载原始文件',
    tag: '文档',
    access: 'user',
    params: IdParams,
    produces: ['application/pdf', 'image/jpeg', 'image/png'],
    handler: async ({ ctx, user, params, res }) => {
      const file = await originalFile(ctx, user, params.id);
      const ext = file.mime === 'application/pdf' ? 'pdf' : file.mime === 'image/png' ? 'png' : 'jpg';
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="document.${ext}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      );
      res.type(file.mime ?? 'application/octet-stream').send(file.data);
      return undefined;
    },
  }),
];
