/**
 * 规则库: the versions of the rule registry (required standards and items, limits, superseded
 * editions, date windows, weights) that verification uses. Everyone may read it; the admin
 * publishes a new version (validated by the service, then every district is re-verified).
 */
import { get, hasRoute, post } from '../api.js';
import { field, fmtTime, h, mount, notice, pill, show, toast, unavailable } from '../dom.js';
import { CATEGORY_LABELS, FINDING_LABELS, SEVERITY, label } from '../labels.js';
import { dataTable } from '../table.js';
import { may } from '../may.js';

const WHEN = { under14: '（学生≤14岁时）', filled: '（含絮用纤维时）', infant: '（36个月及以下婴幼儿产品）' };
const OPS = { '<=': '≤', '<': '<', '>=': '≥', '>': '>' };

export async function render(view, { query, go }) {
  document.title = '规则库 - 双送检核验';
  if (!hasRoute('get', '/api/registry')) {
    mount(
      view,
      h('h1', { text: '规则库' }),
      unavailable('规则库查看'),
      h('p', { class: 'hint', text: '各区县的核验政策可在“区县”页面中编辑。' }),
    );
    return;
  }
  const versions = await get('/api/registry');
  const chosen =
    versions.find((v) => v.version === query.version) ??
    versions.find((v) => v.active) ??
    versions[versions.length - 1];
  const table = dataTable({
    caption: '规则库版本',
    sort: { key: 'effectiveFrom', dir: 'descending' },
    columns: [
      {
        key: 'version',
        label: '版本',
        render: (v) =>
          h('a', {
            href: `#/admin/registry?version=${encodeURIComponent(v.version)}`,
            text: v.version,
            'aria-current': v === chosen ? 'true' : null,
          }),
      },
      { key: 'effectiveFrom', label: '施行日期' },
      {
        key: 'source',
        label: '来源',
        value: (v) => (v.source === 'published' ? '管理员发布' : '随系统发布'),
      },
      { key: 'publishedAt', label: '发布时间', render: (v) => fmtTime(v.publishedAt) },
      {
        key: 'active',
        label: '状态',
        render: (v) => (v.active ? pill('当前使用', 'ok') : pill('未使用', 'neutral')),
      },
      {
        key: 'note',
        label: '说明',
        sortable: false,
        render: (v) => h('span', { class: 'hint', text: v.note }),
      },
    ],
    rows: versions,
  });
  const rules =
    chosen && hasRoute('get', '/api/registry/versions/{version}')
      ? await get(`/api/registry/versions/${encodeURIComponent(chosen.version)}`)
      : null;
  mount(
    view,
    h('h1', { text: '规则库' }),
    table.el,
    rules ? details(rules) : null,
    may('registry.update') && hasRoute('post', '/api/registry/versions') && rules
      ? publishForm(rules, go)
      : null,
  );
}

function details(r) {
  const categories = Object.entries(r.categories ?? {});
  const weights = Object.entries(r.weights ?? {}).map(([code, w]) => ({ code, ...w }));
  return h(
    'section',
    { class: 'panel', 'aria-label': `版本 ${r.version}` },
    h('h2', { text: `版本 ${r.version}（${r.effectiveFrom} 起施行）` }),
    h('p', { class: 'hint', text: r.note }),
    h('h3', { text: '各产品类别的必要检验依据与必检项目' }),
    dataTable({
      caption: '产品类别要求',
      columns: [
        { key: 'k', label: '产品类别', value: ([k, c]) => c.label ?? label(CATEGORY_LABELS, k) },
        {
          key: 's',
          label: '必要检验依据',
          sortable: false,
          render: ([, c]) =>
            show(
              (c.requiredStandards ?? []).map(
                (s) => s.anyOf.join(' 或 ') + (WHEN[s.when] ?? '') + (s.source ? `（${s.source}）` : ''),
              ),
            ),
        },
        {
          key: 'i',
          label: '必检项目',
          sortable: false,
          render: ([, c]) =>
            show(
              (c.requiredItems ?? []).map(
                (i) => (i.label ?? i.names[0]) + (WHEN[i.when] ?? '') + (i.source ? `（${i.source}）` : ''),
              ),
            ),
        },
      ],
      rows: categories,
    }).el,
    h('h3', { text: '已作废（被替代）的标准' }),
    dataTable({
      caption: '已作废的标准',
      columns: [
        { key: 'cited', label: '原标准' },
        { key: 'replacedBy', label: '替代标准', render: (s) => show(s.replacedBy) },
        { key: 'since', label: '替代实施日期' },
        { key: 'stockSaleUntil', label: '库存销售至' },
        { key: 'source', label: '依据', sortable: false },
        { key: 'note', label: '说明', sortable: false },
      ],
      rows: r.superseded ?? [],
      emptyText: '无',
    }).el,
    h('h3', { text: '限量值（复核判定）' }),
    dataTable({
      caption: '限量值',
      columns: [
        {
          key: 'items',
          label: '项目',
          value: (l) => l.items[0] + (l.subItems?.length ? ` ${l.subItems.join('/')}` : ''),
        },
        {
          key: 'categories',
          label: '适用类别',
          render: (l) => show(l.categories.map((c) => label(CATEGORY_LABELS, c))),
        },
        { key: 'req', label: '要求', sortable: false, render: (l) => limitText(l) },
        { key: 'source', label: '依据' },
      ],
      rows: r.limits ?? [],
      emptyText: '无',
    }).el,
    h(
      'dl',
      { class: 'kv' },
      h('dt', { text: '供应商报告有效期' }),
      h('dd', { text: `签订合同前 ${r.dateWindows?.supplierMaxAgeMonthsBeforeSigning ?? '—'} 个月内` }),
      h('dt', { text: '学校送检报告期限' }),
      h('dd', { text: `交货后 ${r.dateWindows?.purchaserMonthsAfterDelivery ?? '—'} 个月内` }),
    ),
    h('h3', { text: '问题权重（供货企业名单排序）' }),
    dataTable({
      caption: '问题权重',
      sort: { key: 'weight', dir: 'descending' },
      columns: [
        { key: 'code', label: '问题', value: (w) => label(FINDING_LABELS, w.code) },
        { key: 'weight', label: '权重', num: true },
        { key: 'tier', label: '风险等级', value: (w) => SEVERITY[w.tier]?.label ?? w.tier },
      ],
      rows: weights,
    }).el,
  );
}

function limitText(l) {
  const fmt = (req) => (req ?? []).map((b) => `${OPS[b.op] ?? b.op}${b.value}`).join(' 且 ');
  const unit = l.unit ? ` ${l.unit}` : '';
  if (l.requirement) return fmt(l.requirement) + unit;
  if (l.byClass) {
    return Object.entries(l.byClass)
      .map(([c, req]) => `${c} 类 ${fmt(req)}${unit}`)
      .join('；');
  }
  return '—';
}

/** Admin: publish a new version, starting from the one shown. */
function publishForm(current, go) {
  const [year, seq] = String(current.version).split('.');
  const draft = { ...current, version: `${year}.${Number(seq) + 1}` };
  const text = h('textarea', { name: 'rules', rows: 14, spellcheck: 'false' });
  text.value = JSON.stringify(draft, null, 2);
  const message = h('div', { 'aria-live': 'polite' });
  return h(
    'form',
    {
      class: 'panel',
      onsubmit: async (e) => {
        e.preventDefault();
        let rules;
        try {
          rules = JSON.parse(text.value);
        } catch {
          mount(message, notice('error', '规则库内容不是有效的 JSON，请检查后再发布。'));
          return;
        }
        if (!window.confirm(`发布规则库版本 ${rules.version} 后，全部区县将按新规则重新核验。确认发布？`)) {
          return;
        }
        try {
          const r = await post('/api/registry/versions', { rules });
          toast(`已发布版本 ${r.version.version}，已重新核验 ${r.reverifiedDistricts} 个区县。`);
          go(`/admin/registry?version=${encodeURIComponent(r.version.version)}`);
        } catch (err) {
          mount(message, notice('error', err.message));
        }
      },
    },
    h('h2', { text: '发布新版本' }),
    h('p', {
      class: 'hint',
      text: '以当前显示的版本为底稿（已递增版本号）。修改后发布；服务端校验结构，发布后不可修改。',
    }),
    field('规则库内容（JSON）', text),
    message,
    h('button', { type: 'submit', class: 'btn btn-primary', text: '发布新版本' }),
  );
}
