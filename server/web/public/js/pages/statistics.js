/**
 * 统计 (成果统计表): the district's campaign statistics for a period (起止日期) in the attachment's
 * layout — 监督抽查 and 风险监测 counted from recorded results, the other groups typed here by market
 * supervision — with the XLSX export and the verification figures.
 */
import { download, get, hasRoute, put, withQuery } from '../api.js';
import { field, fmtTime, h, mount, notice, unavailable, statCard } from '../dom.js';
import { barChart } from '../chart.js';
import { dataTable } from '../table.js';
import { chooseDistrict } from '../district.js';
import { LINE_STATUS } from '../labels.js';
import { may } from '../may.js';

export async function render(view, { query, go }) {
  document.title = '统计 - 双送检核验';
  if (!hasRoute('get', '/api/statistics')) {
    mount(view, h('h1', { text: '统计' }), unavailable('成果统计'));
    return;
  }
  const { districtId, picker } = await chooseDistrict(query, go, '/statistics');
  const asked =
    query.periodStart && query.periodEnd
      ? { periodStart: query.periodStart, periodEnd: query.periodEnd }
      : {};
  let s;
  try {
    s = await get(withQuery('/api/statistics', { districtId, ...asked }));
  } catch (err) {
    // a mistyped period in the address: show the error and the current year instead
    if (!asked.periodStart) throw err;
    s = await get(withQuery('/api/statistics', { districtId }));
    s.periodError = err.message;
  }
  const period = { periodStart: s.campaign.period.start, periodEnd: s.campaign.period.end };
  const message = h('div', { 'aria-live': 'polite' });
  const exportBtn = h('button', {
    type: 'button',
    class: 'btn btn-primary',
    text: '导出成果统计表（XLSX）',
    onclick: async () => {
      try {
        await download(
          withQuery('/api/statistics', { districtId, format: 'xlsx', ...period }),
          `成果统计表-${s.district.name}.xlsx`,
        );
      } catch (err) {
        mount(message, notice('error', err.message));
      }
    },
  });
  const codes = dataTable({
    caption: '问题分类',
    sort: { key: 'findings', dir: 'descending' },
    columns: [
      { key: 'label', label: '问题类型' },
      { key: 'findings', label: '问题数', num: true },
      { key: 'lines', label: '涉及明细行', num: true },
      { key: 'suppliers', label: '涉及企业', num: true },
    ],
    rows: s.findingsByCode ?? [],
    emptyText: '未发现问题',
  });
  const sup = s.supervision ?? {};
  const risk = s.riskMonitoring ?? {};
  const items = dataTable({
    caption: '不合格项目',
    sort: { key: 'batches', dir: 'descending' },
    columns: [
      { key: 'item', label: '不合格项目' },
      { key: 'batches', label: '批次数', num: true },
    ],
    rows: sup.failingItems ?? [],
    emptyText: '暂无不合格项目',
  });
  mount(
    view,
    h('div', { class: 'page-head' }, h('h1', { text: `成果统计 · ${s.district.name}` }), exportBtn),
    picker,
    periodForm(s, period, districtId, go),
    message,
    campaignTable(s, districtId, period),
    h('h2', { text: '双送检核验情况' }),
    h('p', { class: 'hint', text: `统计时间 ${fmtTime(s.generatedAt)}` }),
    h(
      'div',
      { class: 'cards' },
      statCard(s.schools, '学校'),
      statCard(s.schoolsWithContracts, '有合同的学校'),
      statCard(s.contracts, '采购合同'),
      statCard(s.suppliers, '供货企业'),
      statCard(`${s.dualCoveredPct}%`, '双送检覆盖率'),
      statCard(s.findings, '核验问题'),
    ),
    h('h2', { text: '监督抽查与风险监测（统计期间内）' }),
    h(
      'div',
      { class: 'cards' },
      statCard(sup.enterprises, '抽查企业数'),
      statCard(sup.batches, '抽查批次数'),
      statCard(sup.failedBatches, '不合格批次数'),
      statCard(`${sup.failedPct ?? 0}%`, '不合格批次率'),
      statCard(risk.batches ?? 0, '风险监测批次数'),
      statCard(risk.failedBatches ?? 0, '风险监测发现问题批次'),
      statCard(s.samplingLists?.sent, '已发送名单'),
      statCard(s.samplingLists?.acknowledged, '已确认接收'),
    ),
    h(
      'div',
      { class: 'grid-2' },
      h(
        'section',
        { class: 'panel' },
        h('h2', { text: '问题分类' }),
        barChart(
          (s.findingsByCode ?? []).map((c) => ({ label: c.label, value: c.findings, kind: 'bad' })),
          { title: '问题分类', empty: '未发现问题' },
        ),
      ),
      h(
        'section',
        { class: 'panel' },
        h('h2', { text: '明细行状态' }),
        barChart(
          [
            { label: LINE_STATUS.compliant.label, value: s.compliantLines ?? 0, kind: 'ok' },
            { label: LINE_STATUS.non_compliant.label, value: s.linesWithFindings ?? 0, kind: 'bad' },
            { label: LINE_STATUS.awaiting_reports.label, value: s.linesAwaitingReports ?? 0, kind: 'warn' },
          ],
          { title: '明细行状态' },
        ),
      ),
    ),
    h('h2', { text: '问题分类明细' }),
    codes.el,
    h('h2', { text: '监督抽查不合格项目' }),
    items.el,
  );
}

/** 统计期间: two dates and a button that reloads the page for that period. */
function periodForm(s, period, districtId, go) {
  const start = h('input', { type: 'date', name: 'periodStart', value: period.periodStart, required: true });
  const end = h('input', { type: 'date', name: 'periodEnd', value: period.periodEnd, required: true });
  return h(
    'form',
    {
      class: 'filters',
      'aria-label': '统计期间',
      onsubmit: (e) => {
        e.preventDefault();
        const q = new URLSearchParams({ periodStart: start.value, periodEnd: end.value });
        if (districtId) q.set('districtId', districtId);
        go(`/statistics?${q}`);
      },
    },
    field('统计开始日期', start),
    field('统计结束日期', end),
    h('button', { type: 'submit', class: 'btn', text: '查看该期间' }),
    s.periodError ? notice('error', s.periodError) : null,
  );
}

/**
 * The 成果统计表 in the attachment's layout: group headers spanning their sub-columns, one row for the
 * 填报单位. Market supervision types the cells of the groups the service cannot count.
 */
function campaignTable(s, districtId, period) {
  const c = s.campaign;
  const editable = may('statistics.enter') && hasRoute('put', '/api/statistics/cells');
  const inputs = new Map();
  const unit = h('input', {
    name: 'reportingUnit',
    value: c.reportingUnit,
    required: true,
    maxlength: 100,
    'aria-label': '填报单位',
  });
  const cellOf = (g, col) => {
    if (g.filledBy === 'results' || !editable) {
      const text = col.value === null || col.value === undefined ? '—' : String(col.value);
      return h('td', { class: ['num', g.filledBy === 'results' ? 'counted' : null], text });
    }
    const input = h('input', {
      type: 'number',
      name: col.key,
      min: 0,
      step: col.unit === 'amount' ? '0.0001' : '1',
      inputmode: col.unit === 'amount' ? 'decimal' : 'numeric',
      value: col.value ?? '',
      'aria-label': `${g.title}·${col.header}`,
    });
    inputs.set(col.key, input);
    return h('td', { class: 'num' }, input);
  };
  const table = h(
    'table',
    { class: 'campaign-table' },
    h('caption', { class: 'sr-only', text: `成果统计表（${c.period.start} 至 ${c.period.end}）` }),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { rowspan: 2, scope: 'col', text: '填报单位' }),
        c.groups.map((g) => h('th', { colspan: g.columns.length, scope: 'colgroup', text: g.title })),
      ),
      h(
        'tr',
        {},
        c.groups.flatMap((g) => g.columns.map((col) => h('th', { scope: 'col', text: col.header }))),
      ),
    ),
    h(
      'tbody',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, editable ? unit : c.reportingUnit),
        c.groups.flatMap((g) => g.columns.map((col) => cellOf(g, col))),
      ),
    ),
  );
  const saved = c.savedAt ? `最近保存：${c.savedBy ?? '—'}，${fmtTime(c.savedAt)}` : '本统计期间尚未填报。';
  const message = h('div', { 'aria-live': 'polite' });
  const panel = h(
    'section',
    { class: 'panel', 'aria-label': '成果统计表' },
    h('h2', { text: '统计表（附件格式）' }),
    h('p', {
      class: 'hint',
      text: '监督抽查、风险监测两组由系统根据录入的抽查结果统计（按抽样日期计入统计期间，灰色底纹）；其余各组由市场监管部门填报，留空表示未填报。',
    }),
    h('div', { class: 'table-wrap' }, table),
    h('p', { class: 'hint', text: saved }),
    message,
  );
  if (!editable) return panel;
  const form = h(
    'form',
    {
      onsubmit: async (e) => {
        e.preventDefault();
        const cells = {};
        for (const [key, input] of inputs) {
          cells[key] = input.value.trim() === '' ? null : Number(input.value);
        }
        try {
          const fresh = await put('/api/statistics/cells', {
            ...period,
            ...(districtId ? { districtId } : {}),
            reportingUnit: unit.value,
            cells,
          });
          panel.replaceWith(
            campaignTable({ ...fresh, savedNotice: '已保存成果统计表填报数据。' }, districtId, period),
          );
        } catch (err) {
          mount(message, notice('error', err.message));
        }
      },
    },
    h('button', { type: 'submit', class: 'btn btn-primary', text: '保存填报数据' }),
  );
  // the inputs live in the table; the form owns them through the form attribute
  form.id = `campaign-form-${Math.random().toString(36).slice(2, 9)}`;
  for (const input of [unit, ...inputs.values()]) input.setAttribute('form', form.id);
  panel.append(form);
  if (s.savedNotice) mount(message, notice('ok', s.savedNotice));
  return panel;
}
