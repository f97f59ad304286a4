/** 系统管理员：区县 — list, create, and each district's verification policy. */
import { get, post, put } from '../api.js';
import { field, h, mount, notice, toast } from '../dom.js';
import { dataTable } from '../table.js';

/** The policy keys the verification engine reads (server/verify/policy.ts), with Chinese labels. */
const POLICY_FIELDS = [
  { key: 'purchaserReportRequired', label: '学校（采购方）送检报告为必需', type: 'boolean', def: '是' },
  {
    key: 'supplierReportMaxAgeMonths',
    label: '供货企业报告有效期（签订合同前，月）',
    type: 'int',
    def: '规则库默认',
  },
  { key: 'purchaserWindowMonths', label: '学校送检报告期限（交货后，月）', type: 'int', def: '规则库默认' },
  {
    key: 'purchaserReportGraceDays',
    label: '缺少学校送检报告的宽限期（交货后，天）',
    type: 'int',
    def: '30',
  },
];

export async function render(view) {
  document.title = '区县 - 双送检核验';
  const districts = await get('/api/districts');
  const message = h('div', { 'aria-live': 'polite' });
  const policyPanel = h('div');

  const table = dataTable({
    caption: '区县列表',
    columns: [
      { key: 'code', label: '代码' },
      { key: 'name', label: '区县名称' },
      { key: 'bureauName', label: '教育行政部门' },
      {
        key: 'policy',
        label: '核验政策',
        sortable: false,
        render: (d) =>
          h('button', {
            type: 'button',
            class: 'btn btn-small',
            text: '编辑政策',
            onclick: () => showPolicy(d),
          }),
      },
    ],
    rows: districts,
    emptyText: '尚无区县',
  });

  function showPolicy(d) {
    const inputs = {};
    const policy = d.policy || {};
    const rows = POLICY_FIELDS.map((f) => {
      const v = policy[f.key];
      let input;
      if (f.type === 'boolean') {
        input = h(
          'select',
          { name: f.key },
          h('option', { value: '', text: `默认（${f.def}）`, selected: v === undefined }),
          h('option', { value: 'true', text: '是', selected: v === true }),
          h('option', { value: 'false', text: '否', selected: v === false }),
        );
      } else {
        input = h('input', {
          name: f.key,
          type: 'number',
          min: 0,
          step: 1,
          placeholder: `默认（${f.def}）`,
          value: v ?? '',
        });
      }
      inputs[f.key] = input;
      return field(f.label, input);
    });
    const msg = h('div', { 'aria-live': 'polite' });
    mount(
      policyPanel,
      h(
        'form',
        {
          class: 'panel',
          onsubmit: async (e) => {
            e.preventDefault();
            const next = { ...policy };
            for (const f of POLICY_FIELDS) {
              const raw = inputs[f.key].value;
              if (raw === '') delete next[f.key];
              else next[f.key] = f.type === 'boolean' ? raw === 'true' : Number(raw);
            }
            try {
              const saved = await put(`/api/districts/${d.id}/policy`, { policy: next });
              Object.assign(d, saved);
              mount(msg, notice('ok', '核验政策已保存，之后的核验按新政策执行。'));
            } catch (err) {
              mount(msg, notice('error', err.message));
            }
          },
        },
        h('h2', { text: `${d.name}：核验政策` }),
        h('p', { class: 'hint', text: '留空表示使用默认值（规则库与全国政策）。' }),
        h('div', { class: 'form-row' }, rows),
        msg,
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'submit', class: 'btn btn-primary', text: '保存政策' }),
        ),
      ),
    );
    policyPanel.querySelector('select, input')?.focus();
  }

  const code = h('input', { name: 'code', required: true, maxlength: 32, placeholder: '如 fuxi' });
  const name = h('input', { name: 'name', required: true, maxlength: 100 });
  const bureauName = h('input', { name: 'bureauName', required: true, maxlength: 100 });
  const form = h(
    'form',
    {
      class: 'panel',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const d = await post('/api/districts', {
            code: code.value,
            name: name.value,
            bureauName: bureauName.value,
          });
          districts.push(d);
          table.setRows(districts);
          form.reset();
          mount(message, notice('ok', `已新建区县：${d.name}`));
          toast('已新建区县');
        } catch (err) {
          mount(message, notice('error', err.message));
        }
      },
    },
    h('h2', { text: '新建区县' }),
    h(
      'div',
      { class: 'form-row' },
      field('代码', code, '字母、数字、下划线或连字符'),
      field('区县名称', name),
      field('教育行政部门名称', bureauName),
    ),
    message,
    h('button', { type: 'submit', class: 'btn btn-primary', text: '新建区县' }),
  );

  mount(view, h('div', { class: 'page-head' }, h('h1', { text: '区县' })), table.el, policyPanel, form);
}
