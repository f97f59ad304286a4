/**
 * 合规总览 (bureau): district totals, charts (dual coverage by school, findings by code and by
 * product category) and the sortable, filterable per-school compliance table; a school drills down.
 */
import { get, hasRoute, saveCsv, withQuery } from '../api.js';
import { field, h, mount, notice, pill, unavailable, statCard } from '../dom.js';
import { barChart } from '../chart.js';
import { CATEGORY_LABELS, FINDING_LABELS, LINE_STATUS, SCHOOL_KIND_LABELS, label } from '../labels.js';
import { dataTable } from '../table.js';
import { chooseDistrict } from '../district.js';

export async function render(view, { query, go }) {
  document.title = '合规总览 - 双送检核验';
  if (!hasRoute('get', '/api/compliance/schools')) {
    mount(view, h('h1', { text: '合规总览' }), unavailable('合规总览'));
    return;
  }
  const { districtId, picker } = await chooseDistrict(query, go, '/dashboard');
  if (picker && !districtId) {
    mount(view, h('h1', { text: '合规总览' }), notice('info', '尚无区县。'));
    return;
  }
  const data = await get(withQuery('/api/compliance/schools', { districtId }));
  const { totals, schools } = data;
  const q = districtId ? `?districtId=${encodeURIComponent(districtId)}` : '';

  // Filters.
  const search = h('input', {
    type: 'search',
    name: 'q',
    placeholder: '学校名称',
    oninput: () => table.setRows(filtered()),
  });
  const kind = h(
    'select',
    { name: 'kind', onchange: () => table.setRows(filtered()) },
    h('option', { value: '', text: '全部类型' }),
    Object.entries(SCHOOL_KIND_LABELS).map(([k, v]) => h('option', { value: k, text: v })),
  );
  const only = h(
    'select',
    { name: 'state', onchange: () => table.setRows(filtered()) },
    h('option', { value: '', text: '全部学校' }),
    h('option', { value: 'findings', text: '有问题的学校' }),
    h('option', { value: 'clean', text: '无问题的学校' }),
    h('option', { value: 'none', text: '尚无合同的学校' }),
  );
  const filtered = () =>
    schools.filter(
      (s) =>
        (!search.value.trim() || s.schoolName.includes(search.value.trim())) &&
        (!kind.value || s.kind === kind.value) &&
        (only.value !== 'findings' || s.linesWithFindings > 0) &&
        (only.value !== 'clean' || (s.lines > 0 && s.linesWithFindings === 0)) &&
        (only.value !== 'none' || s.contracts === 0),
    );

  const table = dataTable({
    caption: '各学校合规情况',
    sort: { key: 'dualCoveredPct', dir: 'ascending' },
    columns: [
      {
        key: 'schoolName',
        label: '学校',
        render: (s) => h('a', { href: `#/schools/${s.schoolId}${q}`, text: s.schoolName }),
      },
      { key: 'kind', label: '类型', value: (s) => label(SCHOOL_KIND_LABELS, s.kind) },
      { key: 'contracts', label: '合同', num: true },
      { key: 'lines', label: '明细行', num: true },
      {
        key: 'dualCoveredPct',
        label: '双送检覆盖率',
        num: true,
        render: (s) => (s.lines ? `${s.dualCoveredPct}%` : '—'),
      },
      { key: 'compliantLines', label: LINE_STATUS.compliant.label, num: true },
      {
        key: 'linesWithFindings',
        label: LINE_STATUS.non_compliant.label,
        num: true,
        render: (s) => (s.linesWithFindings ? pill(String(s.linesWithFindings), 'bad') : '0'),
      },
      { key: 'linesAwaitingReports', label: LINE_STATUS.awaiting_reports.label, num: true },
      { key: 'openFindings', label: '问题数', num: true },
    ],
    rows: schools,
    emptyText: '本区县尚无学校',
  });

  const byCode = Object.entries(totals.findingsByCode ?? {})
    .map(([code, n]) => ({ label: label(FINDING_LABELS, code), value: n, kind: 'bad' }))
    .sort((a, b) => b.value - a.value);
  const bySchool = schools
    .filter((s) => s.lines > 0)
    .map((s) => ({
      label: s.schoolName,
      value: s.dualCoveredPct,
      kind: s.dualCoveredPct >= 100 ? 'ok' : s.dualCoveredPct >= 60 ? 'warn' : 'bad',
    }))
    .sort((a, b) => a.value - b.value);
  const categoryChart = h('div', {}, h('p', { class: 'hint', text: '正在统计…' }));

  mount(
    view,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { text: `合规总览 · ${data.district.name}` }),
      h(
        'div',
        { class: 'actions' },
        h('a', { class: 'btn', href: `#/suppliers${q}`, text: '供货企业名单' }),
        h('a', { class: 'btn', href: `#/statistics${q}`, text: '统计与导出' }),
      ),
    ),
    picker,
    h(
      'div',
      { class: 'cards' },
      statCard(totals.schools, '学校'),
      statCard(totals.contracts, '采购合同'),
      statCard(totals.lines, '合同明细行'),
      statCard(`${totals.dualCoveredPct}%`, '双送检覆盖率'),
      statCard(totals.linesWithFindings, '存在问题的明细行'),
      statCard(totals.openFindings, '问题总数'),
    ),
    h(
      'div',
      { class: 'grid-2' },
      h(
        'section',
        { class: 'panel' },
        h('h2', { text: '各学校双送检覆盖率' }),
        barChart(bySchool, { title: '各学校双送检覆盖率', max: 100, unit: '%', empty: '尚无合同明细' }),
      ),
      h(
        'section',
        { class: 'panel' },
        h('h2', { text: '问题分类（按问题类型）' }),
        barChart(byCode, { title: '问题分类（按问题类型）', empty: '未发现问题' }),
      ),
    ),
    h('section', { class: 'panel' }, h('h2', { text: '问题分类（按产品类别）' }), categoryChart),
    h(
      'div',
      { class: 'page-head' },
      h('h2', { text: '各学校合规情况' }),
      h('button', {
        type: 'button',
        class: 'btn',
        text: '导出本表（CSV）',
        onclick: () =>
          saveCsv(
            `各学校合规情况-${data.district.name}.csv`,
            [
              '学校',
              '类型',
              '合同',
              '明细行',
              '双送检齐全明细行',
              '双送检覆盖率(%)',
              LINE_STATUS.compliant.label,
              LINE_STATUS.non_compliant.label,
              LINE_STATUS.awaiting_reports.label,
              '问题数',
            ],
            filtered().map((s) => [
              s.schoolName,
              label(SCHOOL_KIND_LABELS, s.kind),
              s.contracts,
              s.lines,
              s.dualCoveredLines,
              s.dualCoveredPct,
              s.compliantLines,
              s.linesWithFindings,
              s.linesAwaitingReports,
              s.openFindings,
            ]),
          ),
      }),
    ),
    h('div', { class: 'filters' }, field('搜索', search), field('学校类型', kind), field('筛选', only)),
    table.el,
  );

  // Findings by product category: from each school's lines (only schools that have findings).
  const withFindings = schools.filter((s) => s.openFindings > 0);
  if (!withFindings.length || !hasRoute('get', '/api/compliance/schools/{id}')) {
    mount(categoryChart, barChart([], { title: '问题分类（按产品类别）', empty: '未发现问题' }));
    return;
  }
  const details = await Promise.all(
    withFindings.map((s) => get(`/api/compliance/schools/${s.schoolId}`).catch(() => null)),
  );
  const byCategory = {};
  for (const d of details) {
    for (const c of d?.contracts ?? []) {
      for (const l of c.lines) {
        if (!l.findings.length) continue;
        const k =
          label(CATEGORY_LABELS, l.category ?? '') === '—' ? '未分类' : label(CATEGORY_LABELS, l.category);
        byCategory[k] = (byCategory[k] ?? 0) + l.findings.length;
      }
    }
  }
  const rows = Object.entries(byCategory)
    .map(([k, v]) => ({ label: k, value: v, kind: 'bad' }))
    .sort((a, b) => b.value - a.value);
  mount(categoryChart, barChart(rows, { title: '问题分类（按产品类别）', empty: '未发现问题' }));
}
