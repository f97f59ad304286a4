/**
 * A table with sortable columns (keyboard: the header buttons) built from column definitions.
 * columns: [{ key, label, value?(row) → sort value, render?(row) → node/text, num?, sortable? }]
 */
import { h, mount, show } from './dom.js';

export function dataTable({ columns, rows, emptyText = '暂无数据', caption, sort: initialSort, rowAttrs }) {
  let sortKey = initialSort?.key ?? null;
  let sortDir = initialSort?.dir ?? 'ascending';
  let current = rows;
  const thead = h('thead');
  const tbody = h('tbody');
  const table = h(
    'table',
    {},
    caption ? h('caption', { class: 'sr-only', text: caption }) : null,
    thead,
    tbody,
  );

  const valueOf = (col, row) => (col.value ? col.value(row) : row[col.key]);

  function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined || a === '') return 1;
    if (b === null || b === undefined || b === '') return -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a).localeCompare(String(b), 'zh-CN');
  }

  function drawHead() {
    mount(
      thead,
      h(
        'tr',
        {},
        columns.map((col) => {
          const sortable = col.sortable !== false;
          const th = h('th', {
            scope: 'col',
            class: col.num ? 'num' : null,
            'aria-sort': sortable ? (sortKey === col.key ? sortDir : 'none') : null,
          });
          if (!sortable) th.textContent = col.label;
          else {
            th.append(
              h('button', {
                type: 'button',
                class: 'sort',
                text: col.label,
                onclick: () => {
                  sortDir = sortKey === col.key && sortDir === 'ascending' ? 'descending' : 'ascending';
                  sortKey = col.key;
                  draw();
                },
              }),
            );
          }
          return th;
        }),
      ),
    );
  }

  function drawBody() {
    let list = current.slice();
    const col = columns.find((c) => c.key === sortKey);
    if (col) {
      list.sort((a, b) => compare(valueOf(col, a), valueOf(col, b)));
      if (sortDir === 'descending') list.reverse();
    }
    if (!list.length) {
      mount(tbody, h('tr', {}, h('td', { colspan: columns.length, class: 'empty', text: emptyText })));
      return;
    }
    mount(
      tbody,
      list.map((row) =>
        h(
          'tr',
          rowAttrs ? rowAttrs(row) : {},
          columns.map((c) => {
            const content = c.render ? c.render(row) : show(valueOf(c, row));
            return h('td', { class: c.num ? 'num' : null }, content);
          }),
        ),
      ),
    );
  }

  function draw() {
    drawHead();
    drawBody();
  }

  draw();
  const wrap = h('div', { class: 'table-wrap' }, table);
  return {
    el: wrap,
    /** Replaces the rows (e.g. after filtering), keeping the sort. */
    setRows(next) {
      current = next;
      drawBody();
    },
  };
}
