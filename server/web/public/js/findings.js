/** Findings in plain Chinese: label, severity and the message, with links to their evidence. */
import { h, pill } from './dom.js';
import { FINDING_LABELS, SEVERITY, label } from './labels.js';

/**
 * `onConfirmClient(e)`: when given, a near-miss 委托单位 (evidence with `confirmClient`) gets a
 * one-click 确认为同一单位 button.
 */
export function findingList(findings, { evidence = false, status, onConfirmClient } = {}) {
  if (!findings?.length && status === 'awaiting_reports') {
    return h('p', { class: 'hint', text: '尚未提交检验报告，暂未核验。' });
  }
  if (!findings?.length) return h('p', { class: 'hint ok-text', text: '未发现问题。' });
  return h(
    'ul',
    { class: 'findings' },
    findings.map((f) =>
      h(
        'li',
        { dataset: { code: f.code } },
        pill(`${SEVERITY[f.severity]?.label ?? ''}风险`, SEVERITY[f.severity]?.kind ?? 'neutral'),
        ' ',
        h('strong', { text: f.label ?? label(FINDING_LABELS, f.code) }),
        f.message ? h('span', { text: `：${f.message}` }) : null,
        evidence && f.evidence?.length ? evidenceList(f.evidence, onConfirmClient) : null,
      ),
    ),
  );
}

/** Evidence links: the document and page where the problem can be seen. */
function evidenceList(evidence, onConfirmClient) {
  return h(
    'ul',
    { class: 'evidence' },
    evidence.map((e) =>
      h(
        'li',
        {},
        e.documentId
          ? h('a', {
              href: evidenceHref(e),
              text: `${e.file ?? '原件'}${e.page ? ` 第 ${e.page} 页` : ''}`,
            })
          : h('span', { text: e.file ?? '原件' }),
        e.item ? h('span', { text: ` · ${e.item}` }) : null,
        e.text ? h('span', { class: 'hint', text: ` “${e.text}”` }) : null,
        e.confirmClient && onConfirmClient
          ? h('button', {
              type: 'button',
              class: 'btn btn-small btn-primary',
              text: '核对原件后确认为同一单位',
              title: `确认“${e.confirmClient.client}”即${e.confirmClient.role}“${e.confirmClient.party}”（记录确认人）`,
              'aria-label': `确认委托单位“${e.confirmClient.client}”为${e.confirmClient.role}“${e.confirmClient.party}”`,
              onclick: () => onConfirmClient(e),
            })
          : null,
      ),
    ),
  );
}

/** The review page of the evidence's document, opened at its page with its item highlighted. */
function evidenceHref(e) {
  const q = new URLSearchParams();
  if (e.page) q.set('page', String(e.page));
  if (e.item) q.set('item', e.item);
  const qs = q.toString();
  return `#/documents/${encodeURIComponent(e.documentId)}${qs ? `?${qs}` : ''}`;
}
