/** 系统管理员：学校 — list by district, create. */
import { get, post } from '../api.js';
import { field, h, mount, notice } from '../dom.js';
import { SCHOOL_KIND_LABELS } from '../labels.js';
import { dataTable } from '../table.js';

export async function render(view) {
  document.title = '学校 - 双送检核验';
  const [districts, schools] = await Promise.all([get('/api/districts'), get('/api/schools')]);
  const districtName = Object.fromEntries(districts.map((d) => [d.id, d.name]));
  const message = h('div', { 'aria-live': 'polite' });

  const filter = h(
    'select',
    { name: 'district-filter', onchange: () => table.setRows(filtered()) },
    h('option', { value: '', text: '全部区县' }),
    districts.map((d) => h('option', { value: d.id, text: d.name })),
  );
  const search = h('input', {
    type: 'search',
    name: 'q',
    placeholder: '学校名称',
    oninput: () => table.setRows(filtered()),
  });
  const filtered = () =>
    schools.filter(
      (s) =>
        (!filter.value || s.districtId === filter.value) &&
        (!search.value || s.name.includes(search.value.trim())),
    );

  const table = dataTable({
    caption: '学校列表',
    columns: [
      { key: 'name', label: '学校名称' },
      { key: 'kindLabel', label: '类型' },
      { key: 'district', label: '所属区县', value: (s) => districtName[s.districtId] },
      { key: 'address', label: '地址' },
    ],
    rows: schools,
    emptyText: '尚无学校',
  });

  const districtSel = h(
    'select',
    { name: 'districtId', required: true },
    districts.map((d) => h('option', { value: d.id, text: d.name })),
  );
  const name = h('input', { name: 'name', required: true, maxlength: 100 });
  const kind = h(
    'select',
    { name: 'kind' },
    Object.entries(SCHOOL_KIND_LABELS).map(([k, v]) => h('option', { value: k, text: v })),
  );
  const address = h('input', { name: 'address', maxlength: 200 });
  const form = h(
    'form',
    {
      class: 'panel',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const s = await post('/api/schools', {
            districtId: districtSel.value,
            name: name.value,
            kind: kind.value,
            ...(address.value.trim() ? { address: address.value } : {}),
          });
          schools.push(s);
          table.setRows(filtered());
          name.value = '';
          address.value = '';
          mount(message, notice('ok', `已新建学校：${s.name}`));
        } catch (err) {
          mount(message, notice('error', err.message));
        }
      },
    },
    h('h2', { text: '新建学校' }),
    districts.length
      ? h(
          'div',
          { class: 'form-row' },
          field('所属区县', districtSel),
          field('学校名称', name),
          field('类型', kind),
          field('地址（可选）', address),
        )
      : notice('warn', '请先新建区县。'),
    message,
    h('button', { type: 'submit', class: 'btn btn-primary', text: '新建学校', disabled: !districts.length }),
  );

  mount(
    view,
    h('div', { class: 'page-head' }, h('h1', { text: '学校' })),
    h('div', { class: 'filters' }, field('区县', filter), field('搜索', search)),
    table.el,
    form,
  );
}
