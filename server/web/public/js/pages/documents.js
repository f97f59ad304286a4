/**
 * 文档列表: the documents of my school (school staff) or of my district (bureau), with status;
 * refreshed while any is still being processed.
 */
import { asList, findRoute, get, withQuery } from '../api.js';
import { field, fmtTime, h, mount, unavailable } from '../dom.js';
import { DOC_KIND_LABELS, DOC_STATUS, label } from '../labels.js';
import { dataTable } from '../table.js';
import { may, SCHOOL } from '../may.js';
import { FINISHED, progressText, statusPill } from '../status.js';

const REFRESH_MS = 2500;

export async function render(view) {
  document.title = '文档列表 - 双送检核验';
  const listPath = findRoute('get', '/api/documents');
  if (!listPath) {
    mount(view, h('h1', { text: '文档列表' }), unavailable('文档列表'));
    return undefined;
  }
  // One school's documents need no school column or filter.
  const oneSchool = may('document.read', SCHOOL);
  let docs = asList(await get(withQuery(listPath, { limit: 200 })), 'documents');
  let timer = null;
  const schoolNames = oneSchool
    ? {}
    : Object.fromEntries((await get('/api/schools')).map((s) => [s.id, s.name]));

  const status = h(
    'select',
    { name: 'status', onchange: () => table.setRows(filtered()) },
    h('option', { value: '', text: '全部状态' }),
    Object.entries(DOC_STATUS).map(([k, v]) => h('option', { value: k, text: v.label })),
  );
  const kind = h(
    'select',
    { name: 'kind', onchange: () => table.setRows(filtered()) },
    h('option', { value: '', text: '全部类型' }),
    Object.entries(DOC_KIND_LABELS).map(([k, v]) => h('option', { value: k, text: v })),
  );
  const search = h('input', {
    type: 'search',
    name: 'q',
    placeholder: '文件名',
    oninput: () => table.setRows(filtered()),
  });
  const school = h(
    'select',
    { name: 'school', onchange: () => table.setRows(filtered()) },
    h('option', { value: '', text: '全部学校' }),
    Object.entries(schoolNames).map(([sid, name]) => h('option', { value: sid, text: name })),
  );
  const filtered = () =>
    docs.filter(
      (d) =>
        (!status.value || d.status === status.value) &&
        (!school.value || d.schoolId === school.value) &&
        (!kind.value || d.kind === kind.value) &&
        (!search.value.trim() || String(d.originalName ?? d.fileName ?? '').includes(search.value.trim())),
    );

  const table = dataTable({
    caption: '文档列表',
    sort: { key: 'createdAt', dir: 'descending' },
    columns: [
      {
        key: 'originalName',
        label: '文件名',
        value: (d) => d.originalName ?? d.fileName,
        render: (d) => h('a', { href: `#/documents/${d.id}`, text: d.originalName ?? d.fileName ?? d.id }),
      },
      { key: 'kind', label: '类型', value: (d) => d.kindLabel ?? label(DOC_KIND_LABELS, d.kind) },
      !oneSchool ? { key: 'schoolName', label: '学校', value: (d) => schoolNames[d.schoolId] } : null,
      { key: 'status', label: '状态', value: (d) => d.status, render: (d) => statusPill(d) },
      { key: 'progress', label: '进度', sortable: false, render: (d) => progressText(d) || '—' },
      {
        key: 'createdAt',
        label: '上传时间',
        value: (d) => d.createdAt ?? d.uploadedAt,
        render: (d) => fmtTime(d.createdAt ?? d.uploadedAt),
      },
    ].filter(Boolean),
    rows: docs,
    emptyText: may('document.upload') ? '还没有上传文档' : '暂无文档',
  });

  async function refresh() {
    timer = null;
    try {
      docs = asList(await get(withQuery(listPath, { limit: 200 })), 'documents');
      table.setRows(filtered());
    } catch {
      // keep the last list; the next refresh will try again
    }
    schedule();
  }
  function schedule() {
    if (docs.some((d) => !FINISHED.has(d.status))) timer = setTimeout(() => void refresh(), REFRESH_MS);
  }

  mount(
    view,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { text: '文档列表' }),
      may('document.upload')
        ? h('a', { class: 'btn btn-primary', href: '#/upload', text: '上传文档' })
        : null,
    ),
    h(
      'div',
      { class: 'filters' },
      oneSchool ? null : field('学校', school),
      field('状态', status),
      field('类型', kind),
      field('搜索', search),
    ),
    table.el,
  );
  schedule();
  return () => timer && clearTimeout(timer);
}
