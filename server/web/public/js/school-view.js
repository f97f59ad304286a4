/**
 * One school's contracts and lines with status and findings in plain Chinese (school staff's
 * 合同与核验 page and the bureau's drill-down). Each line links to its evidence.
 */
import { get, hasRoute } from './api.js';
import { h, mount, notice, pill, show, statCard, unavailable } from './dom.js';
import { CATEGORY_LABELS, LINE_STATUS, label } from './labels.js';
import { findingList } from './findings.js';

export async function renderSchool(view, schoolId, { title, back }) {
  if (!hasRoute('get', '/api/compliance/schools/{id}')) {
    mount(view, h('h1', { text: title }), unavailable('合同核验结果'));
    return;
  }
  const data = await get(`/api/compliance/schools/${encodeURIComponent(schoolId)}`);
  const s = data.school;
  document.title = `${s?.schoolName ?? title} - 双送检核验`;
  mount(
    view,
    h('div', { class: 'page-head' }, h('h1', { text: s ? `${title} · ${s.schoolName}` : title }), back),
    s
      ? h(
          'div',
          { class: 'cards' },
          statCard(s.contracts, '采购合同'),
          statCard(s.lines, '合同明细行'),
          statCard(s.lines ? `${s.dualCoveredPct}%` : '—', '双送检覆盖率'),
          statCard(s.compliantLines, LINE_STATUS.compliant.label),
          statCard(s.linesWithFindings, LINE_STATUS.non_compliant.label),
          statCard(s.linesAwaitingReports, LINE_STATUS.awaiting_reports.label),
        )
      : null,
    data.contracts.length
      ? data.contracts.map(contractPanel)
      : h('p', {
          class: 'empty panel',
          text: '尚无已识别的采购合同。上传合同后，这里显示每一行的核验结果。',
        }),
  );
}

function contractPanel(c) {
  return h(
    'section',
    { class: 'panel contract', 'aria-label': `合同 ${c.contractNumber ?? ''}` },
    h('h2', { text: `合同 ${c.contractNumber ?? '（无编号）'} · ${c.supplierName ?? '未识别供应商'}` }),
    h('p', { class: 'hint', text: `签订日期 ${show(c.signedDate)} · 交货日期 ${show(c.deliveryDate)}` }),
    c.purchaserMismatch ? notice('warn', `⚠ ${c.purchaserMismatch.message}`) : null,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['行', '产品', '类别', '规格型号', '状态', '报告', '问题'].map((t) =>
              h('th', { scope: 'col', text: t }),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          c.lines.map((l) =>
            h(
              'tr',
              { dataset: { lineId: l.id } },
              h('td', { class: 'num', text: String(l.lineNo) }),
              h('td', {}, h('a', { href: `#/lines/${l.id}`, text: l.product })),
              h('td', { text: label(CATEGORY_LABELS, l.category) }),
              h('td', { text: show(l.model) }),
              h(
                'td',
                {},
                pill(l.statusLabel ?? label(LINE_STATUS, l.status), LINE_STATUS[l.status]?.kind ?? 'neutral'),
                l.dualCovered ? h('div', { class: 'hint', text: '双送检齐全' }) : null,
              ),
              h('td', { class: 'num', text: String(l.reportCount ?? 0) }),
              h('td', {}, findingList(l.findings, { status: l.status })),
            ),
          ),
        ),
      ),
    ),
  );
}
