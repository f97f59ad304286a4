/** Shared rendering of a document's processing status (stage, page k of n). */
import { h, pill } from './dom.js';
import { DOC_STATUS, STAGE_LABELS, label } from './labels.js';

export const FINISHED = new Set(['parsed', 'needs_review', 'failed']);

/** The status pill of a document. */
export function statusPill(doc) {
  const s = DOC_STATUS[doc.status] ?? { label: doc.status ?? '未知', kind: 'neutral' };
  return pill(doc.statusLabel ?? s.label, s.kind);
}

/** "解析字段 · 第 2 / 3 页" while processing; the failure reason when failed. */
export function progressText(doc) {
  if (doc.status === 'failed') return doc.failure?.reason || DOC_STATUS.failed.label;
  if (FINISHED.has(doc.status)) return '';
  if (doc.status === 'queued') return label(STAGE_LABELS, 'queued');
  const stage = doc.progress?.stageLabel ?? label(STAGE_LABELS, doc.progress?.stage);
  const page = doc.progress?.page;
  const pages = doc.progress?.pageCount;
  return page && pages ? `${stage} · 第 ${page} / ${pages} 页` : stage === '—' ? '处理中' : stage;
}

/** A small progress bar for processing (page k of n), or null when unknown. */
export function processingBar(doc) {
  const page = doc.progress?.page;
  const pages = doc.progress?.pageCount;
  if (doc.status !== 'processing' || !page || !pages) return null;
  return h('progress', { max: pages, value: page, 'aria-label': `处理进度：第 ${page} 页，共 ${pages} 页` });
}
