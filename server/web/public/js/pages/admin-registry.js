/**
 * 规则库: the versions of the rule registry (standards, required items, weights) the verification
 * uses. Read-only here; the registry is maintained as versioned data.
 */
import { findRoute, get } from '../api.js';
import { h, mount, show, unavailable } from '../dom.js';
import { CATEGORY_LABELS, FINDING_LABELS, SEVERITY, label } from '../labels.js';
import { dataTable } from '../table.js';

export async function render(view) {
  document.title = '规则库 - 双送检核验';
  const route = findRoute(
    'get',
    '/api/registry',
    '/api/rule-registry',
    '/api/registry/versions',
    '/api/rules',
  );
  if (!route) {
    mount(
      view,
      h('h1', { text: '规则库' }),
      unavailable('规则库查看'),
      h('p', { class: 'hint', text: '各区县的核验政策可在“区县”页面中编辑。' }),
    );
    return;
  }
  const data = await get(route);
  const versions = Array.isArray(data) ? data : (data.versions ?? [data]);
  mount(
    view,
    h('h1', { text: '规则库' }),
    versions.map((v) => {
      const rules = v.rules ?? v;
      const categories = Object.entries(rules.categories ?? {});
      const weights = Object.entries(rules.weights ?? {}).map(([code, w]) => ({ code, ...w }));
      return h(
        'section',
        { class: 'panel' },
        h('h2', {
          text: `版本 ${show(v.version ?? rules.version)} · ${show(v.effectiveFrom ?? rules.effectiveFrom)} 起施行`,
        }),
        rules.note || v.note ? h('p', { class: 'hint', text: v.note ?? rules.note }) : null,
        categories.length
          ? dataTable({
              caption: '产品类别要求',
              columns: [
                { key: 'k', label: '产品类别', value: ([k, c]) => c.label ?? label(CATEGORY_LABELS, k) },
                {
                  key: 's',
                  label: '必要检验依据',
                  sortable: false,
                  render: ([, c]) =>
                    show((c.requiredStandards ?? []).map((s) => (s.anyOf ?? []).join(' 或 '))),
                },
                {
                  key: 'i',
                  label: '必检项目',
                  sortable: false,
                  render: ([, c]) => show((c.requiredItems ?? []).map((i) => (i.names ?? [])[0])),
                },
              ],
              rows: categories,
            }).el
          : null,
        weights.length
          ? h(
              'div',
              {},
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
            )
          : null,
      );
    }),
  );
}
