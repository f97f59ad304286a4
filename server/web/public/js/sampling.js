/** The ranked supplier list (供货企业名单) as a table, shared by the preview and a sent list. */
import { h, pill, show } from './dom.js';
import { SEVERITY, SEVERITY_RANK } from './labels.js';
import { dataTable } from './table.js';

export function entriesTable(entries, { supplierLinks = true } = {}) {
  return dataTable({
    caption: '供货企业名单',
    sort: { key: 'rank', dir: 'ascending' },
    columns: [
      { key: 'rank', label: '排名', num: true },
      {
        key: 'supplier',
        label: '企业名称',
        render: (e) =>
          supplierLinks && e.supplierId
            ? h('a', { href: `#/suppliers/${e.supplierId}`, text: e.supplier })
            : e.supplier,
      },
      {
        key: 'uscc',
        label: '统一社会信用代码',
        render: (e) => h('span', { class: 'mono', text: show(e.uscc) }),
      },
      {
        key: 'risk',
        label: '风险',
        value: (e) => SEVERITY_RANK[e.risk] ?? 0,
        render: (e) => pill(SEVERITY[e.risk]?.label ?? show(e.risk), SEVERITY[e.risk]?.kind ?? 'neutral'),
      },
      { key: 'score', label: '风险分', num: true },
      {
        key: 'reasons',
        label: '列入原因',
        sortable: false,
        render: (e) =>
          h(
            'ul',
            { class: 'plain' },
            (e.reasonDetails ?? e.reasons.map((code) => ({ code, label: code, count: null }))).map((r) =>
              h('li', { text: r.count ? `${r.label}（${r.count}）` : r.label }),
            ),
          ),
      },
      { key: 'schools', label: '涉及学校', value: (e) => e.schools.length, render: (e) => show(e.schools) },
      {
        key: 'products',
        label: '产品',
        sortable: false,
        render: (e) => show([...new Set((e.lines ?? []).map((l) => l.product))]),
      },
    ],
    rows: entries,
    emptyText: '名单为空：目前没有发现问题的供货企业',
  });
}
