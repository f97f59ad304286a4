/**
 * The parts of the review page below the form: the verification of the contract lines the
 * document serves, and the correction history.
 */
import { asList, get, hasRoute, withQuery } from './api.js';
import { fmtTime, h, pill, show } from './dom.js';
import { LINE_STATUS, fieldLabel, label } from './labels.js';
import { findingList } from './findings.js';

/** The contract lines this document serves (line ids), with their current verification. */
export async function linkedLines(lineIds) {
  if (!hasRoute('get', '/api/compliance/lines/{id}')) return lineIds.map((id) => ({ id }));
  return Promise.all(
    lineIds.map((id) => get(`/api/compliance/lines/${encodeURIComponent(id)}`).catch(() => ({ id }))),
  );
}

/** The lines of the contract built from this contract document. */
export async function contractLineIds(documentId) {
  if (!hasRoute('get', '/api/contracts') || !hasRoute('get', '/api/contracts/{id}')) return [];
  const contracts = asList(await get(withQuery('/api/contracts', { limit: 200 })), 'items');
  const contract = contracts.find((c) => c.documentId === documentId);
  if (!contract) return [];
  const detail = await get(`/api/contracts/${encodeURIComponent(contract.id)}`);
  return (detail.lines ?? []).map((l) => l.id);
}

export function verificationSection(kind, lines) {
  return h(
    'section',
    { class: 'panel', 'aria-label': '核验结果' },
    h('h2', { text: '核验结果' }),
    lines.length
      ? h(
          'ul',
          { class: 'line-results' },
          lines.map((l) =>
            h(
              'li',
              { dataset: { lineId: l.id } },
              h('a', {
                href: `#/lines/${l.id}`,
                text: l.product
                  ? `合同 ${l.contract?.contractNumber ?? ''} 第 ${l.lineNo} 行：${l.product}`
                  : '合同明细行',
              }),
              ' ',
              l.status
                ? pill(
                    l.statusLabel ?? label(LINE_STATUS, l.status),
                    LINE_STATUS[l.status]?.kind ?? 'neutral',
                  )
                : null,
              l.findings ? findingList(l.findings, { status: l.status }) : null,
            ),
          ),
        )
      : h('p', {
          class: 'hint',
          text: kind === 'contract' ? '合同明细尚未生成核验结果。' : '该报告尚未关联到合同明细行。',
        }),
  );
}

export function historySection(history, reviewed) {
  const entries = history.map((c) => {
    const who = `${fmtTime(c.createdAt)} ${c.userName ?? ''}`;
    if (c.action === 'add_row') {
      return h(
        'li',
        {},
        `${who} 添加了「${c.label ?? c.path}」：`,
        h('span', { class: 'diff-after', text: c.afterText }),
      );
    }
    if (c.action === 'delete_row') {
      return h(
        'li',
        {},
        `${who} 删除了「${c.label ?? c.path}」：`,
        h('span', { class: 'diff-before', text: c.beforeText }),
      );
    }
    return h(
      'li',
      {},
      `${who} 更正了「${fieldLabel(c.path, c.label)}」：`,
      h('span', { class: 'diff-before', text: c.beforeText ?? show(c.before) }),
      ' → ',
      h('span', { class: 'diff-after', text: c.afterText ?? show(c.after) }),
    );
  });
  if (reviewed) {
    entries.push(h('li', { class: 'reviewed' }, `${fmtTime(reviewed.at)} ${reviewed.userName} 核对完成`));
  }
  return h(
    'section',
    { class: 'panel history', 'aria-label': '更正记录' },
    h('h2', { text: '更正记录' }),
    entries.length ? h('ol', {}, entries) : h('p', { class: 'hint', text: '暂无更正。' }),
  );
}
