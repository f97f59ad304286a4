/** 统计 (成果统计表): the district's campaign statistics, with the XLSX export. */
import { download, get, hasRoute, withQuery } from '../api.js';
import { fmtTime, h, mount, notice, unavailable, statCard } from '../dom.js';
import { barChart } from '../chart.js';
import { dataTable } from '../table.js';
import { chooseDistrict } from '../district.js';

export async function render(view, { session, query, go }) {
  document.title = '统计 - 双送检核验';
  if (!hasRoute('get', '/api/statistics')) {
    mount(view, h('h1', { text: '统计' }), unavailable('成果统计'));
    return;
  }
  const { districtId, picker } = await chooseDistrict(session, query, go, '/statistics');
  const s = await get(withQuery('/api/statistics', { districtId }));
  const message = h('div', { 'aria-live': 'polite' });
  const exportBtn = h('button', {
    type: 'button',
    class: 'btn btn-primary',
    text: '导出成果统计表（XLSX）',
    onclick: async () => {
      try {
        await download(
          withQuery('/api/statistics', { districtId, format: 'xlsx' }),
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
    message,
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
    h('h2', { text: '监督抽查' }),
    h(
      'div',
      { class: 'cards' },
      statCard(sup.enterprises, '抽查企业数'),
      statCard(sup.batches, '抽查批次数'),
      statCard(sup.failedBatches, '不合格批次数'),
      statCard(`${sup.failedPct ?? 0}%`, '不合格批次率'),
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
            { label: '合规', value: s.compliantLines ?? 0, kind: 'ok' },
            { label: '存在问题', value: s.linesWithFindings ?? 0, kind: 'bad' },
            { label: '待提交报告', value: s.linesAwaitingReports ?? 0, kind: 'warn' },
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
