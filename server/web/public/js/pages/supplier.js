/**
 * 供货企业档案: one supplier's history — findings across schools and years, official sampling
 * results, and the lists it was on.
 */
import { get, hasRoute, withQuery } from '../api.js';
import { fmtTime, h, mount, pill, show, unavailable } from '../dom.js';
import { barChart } from '../chart.js';
import { FINDING_LABELS, SEVERITY, SEVERITY_RANK, label } from '../labels.js';
import { dataTable } from '../table.js';

export async function render(view, { params, query }) {
  document.title = '供货企业档案 - 双送检核验';
  if (!hasRoute('get', '/api/suppliers/{id}')) {
    mount(view, h('h1', { text: '供货企业档案' }), unavailable('供货企业档案'));
    return;
  }
  const s = await get(
    withQuery(`/api/suppliers/${encodeURIComponent(params.id)}`, { districtId: query.districtId }),
  );
  document.title = `${s.name} - 供货企业档案 - 双送检核验`;
  const findings = dataTable({
    caption: '核验问题',
    sort: { key: 'year', dir: 'descending' },
    columns: [
      { key: 'year', label: '年份' },
      { key: 'school', label: '学校' },
      { key: 'contractNumber', label: '合同编号' },
      {
        key: 'product',
        label: '产品',
        render: (f) => (f.lineId ? h('a', { href: `#/lines/${f.lineId}`, text: f.product }) : f.product),
      },
      { key: 'code', label: '问题', value: (f) => f.label ?? label(FINDING_LABELS, f.code) },
      {
        key: 'severity',
        label: '风险',
        value: (f) => SEVERITY_RANK[f.severity] ?? 0,
        render: (f) =>
          pill(SEVERITY[f.severity]?.label ?? f.severity, SEVERITY[f.severity]?.kind ?? 'neutral'),
      },
      { key: 'message', label: '说明', sortable: false },
    ],
    rows: s.findings ?? [],
    emptyText: '未发现核验问题',
  });
  const results = dataTable({
    caption: '监督抽查结果',
    sort: { key: 'recordedAt', dir: 'descending' },
    columns: [
      { key: 'sampledOn', label: '抽样日期' },
      { key: 'sampledBatches', label: '抽查批次', num: true },
      {
        key: 'failedBatches',
        label: '不合格批次',
        num: true,
        render: (r) => (r.failedBatches ? pill(String(r.failedBatches), 'bad') : '0'),
      },
      { key: 'failingItems', label: '不合格项目', render: (r) => show(r.failingItems) },
      { key: 'reportNumbers', label: '报告编号', render: (r) => show(r.reportNumbers) },
      { key: 'note', label: '备注' },
      { key: 'recordedAt', label: '录入时间', render: (r) => fmtTime(r.recordedAt) },
    ],
    rows: s.samplingResults ?? [],
    emptyText: '尚无监督抽查结果',
  });
  const lists = dataTable({
    caption: '列入名单记录',
    sort: { key: 'sentAt', dir: 'descending' },
    columns: [
      {
        key: 'version',
        label: '名单',
        render: (l) => h('a', { href: `#/lists/${l.listId}`, text: `第 ${l.version} 版` }),
      },
      { key: 'sentAt', label: '发送时间', render: (l) => fmtTime(l.sentAt) },
      { key: 'rank', label: '排名', num: true },
      {
        key: 'risk',
        label: '风险',
        render: (l) => pill(SEVERITY[l.risk]?.label ?? l.risk, SEVERITY[l.risk]?.kind ?? 'neutral'),
      },
      {
        key: 'reasons',
        label: '列入原因',
        sortable: false,
        render: (l) => show(l.reasonLabels ?? l.reasons),
      },
    ],
    rows: s.lists ?? [],
    emptyText: '未列入过名单',
  });
  const byYear = Object.entries(s.findingsByYear ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([y, n]) => ({ label: `${y} 年`, value: n, kind: 'bad' }));
  mount(
    view,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { text: s.name }),
      h('a', { class: 'btn', href: '#/suppliers', text: '返回供货企业' }),
    ),
    h(
      'div',
      { class: 'panel' },
      h(
        'dl',
        { class: 'kv' },
        h('dt', { text: '统一社会信用代码' }),
        h('dd', { class: 'mono', text: show(s.uscc) }),
        h('dt', { text: '曾用名/别名' }),
        h('dd', { text: show(s.aliases) }),
        h('dt', { text: '供货学校' }),
        h('dd', { text: show(s.schools) }),
        h('dt', { text: '合同 / 明细行' }),
        h('dd', { text: `${s.contracts ?? 0} 份 / ${s.lines ?? 0} 行` }),
      ),
    ),
    h(
      'section',
      { class: 'panel' },
      h('h2', { text: '历年核验问题数' }),
      barChart(byYear, { title: '历年核验问题数', empty: '未发现核验问题' }),
    ),
    h('h2', { text: '核验问题' }),
    findings.el,
    h('h2', { text: '监督抽查结果' }),
    results.el,
    h('h2', { text: '列入名单记录' }),
    lists.el,
  );
}
