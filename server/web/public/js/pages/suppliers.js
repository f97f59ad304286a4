/**
 * 供货企业名单. Bureau: the ranked list as it would be sent now, "发送至市场监管部门", and every
 * supplier of the district. Regulator: the district's suppliers with their findings and sampling.
 */
import { get, hasRoute, post, withQuery } from '../api.js';
import { h, mount, notice, pill, unavailable } from '../dom.js';
import { SEVERITY, SEVERITY_RANK } from '../labels.js';
import { dataTable } from '../table.js';
import { entriesTable } from '../sampling.js';
import { chooseDistrict } from '../district.js';

export async function render(view, { session, query, go }) {
  document.title = '供货企业 - 双送检核验';
  const role = session.user.role;
  const { districtId, picker } = await chooseDistrict(session, query, go, '/suppliers');
  const parts = [];
  const message = h('div', { 'aria-live': 'polite' });

  const canPreview = role !== 'regulator' && hasRoute('get', '/api/sampling-lists/preview');
  if (canPreview) {
    const preview = await get(withQuery('/api/sampling-lists/preview', { districtId }));
    const send = h('button', {
      type: 'button',
      class: 'btn btn-primary',
      text: '发送至市场监管部门',
      disabled: role !== 'bureau' || !hasRoute('post', '/api/sampling-lists') || preview.entries.length === 0,
      title: preview.entries.length === 0 ? '名单为空：目前没有需要抽查的供货企业' : null,
      onclick: async () => {
        if (!window.confirm(`确认将当前名单（${preview.entries.length} 家企业）发送至市场监管部门？`)) return;
        send.disabled = true;
        try {
          const r = await post('/api/sampling-lists', districtId ? { districtId } : {});
          const text = r.alreadySent
            ? `名单内容与第 ${r.version} 版相同，未重复发送。`
            : `已发送第 ${r.version} 版名单（${r.entryCount} 家企业）至市场监管部门。`;
          mount(
            message,
            notice(
              r.alreadySent ? 'info' : 'ok',
              text,
              ' ',
              h('a', { href: `#/lists/${r.id}`, text: '查看名单' }),
            ),
          );
        } catch (err) {
          mount(message, notice('error', err.message));
        } finally {
          send.disabled = false;
        }
      },
    });
    parts.push(
      h(
        'section',
        { class: 'panel' },
        h(
          'div',
          { class: 'page-head' },
          h('h2', { text: `当前名单（按风险排序，共 ${preview.entries.length} 家）` }),
          h(
            'div',
            { class: 'actions' },
            send,
            h('a', { class: 'btn', href: '#/lists', text: '已发送的名单' }),
          ),
        ),
        h('p', {
          class: 'hint',
          text: `规则库版本 ${preview.registryVersion} · 核验基准日 ${preview.asOf}。发送后生成不可修改的版本快照，市场监管部门在“收到的名单”中查看。`,
        }),
        message,
        entriesTable(preview.entries).el,
      ),
    );
  }

  if (hasRoute('get', '/api/suppliers')) {
    const suppliers = await get(withQuery('/api/suppliers', { districtId }));
    const table = dataTable({
      caption: '供货企业',
      sort: { key: 'findings', dir: 'descending' },
      columns: [
        {
          key: 'name',
          label: '企业名称',
          render: (s) =>
            s.id
              ? h('a', {
                  href: `#/suppliers/${s.id}${districtId ? `?districtId=${districtId}` : ''}`,
                  text: s.name,
                })
              : s.name,
        },
        {
          key: 'uscc',
          label: '统一社会信用代码',
          render: (s) => h('span', { class: 'mono', text: s.uscc ?? '—' }),
        },
        { key: 'schools', label: '学校', num: true },
        { key: 'contracts', label: '合同', num: true },
        { key: 'lines', label: '明细行', num: true },
        { key: 'findings', label: '问题', num: true },
        {
          key: 'risk',
          label: '最高风险',
          value: (s) => SEVERITY_RANK[s.risk] ?? 0,
          render: (s) =>
            s.risk
              ? pill(SEVERITY[s.risk]?.label ?? s.risk, SEVERITY[s.risk]?.kind ?? 'neutral')
              : pill('无', 'ok'),
        },
        { key: 'sampledBatches', label: '抽查批次', num: true },
        { key: 'failedBatches', label: '不合格批次', num: true },
      ],
      rows: suppliers,
      emptyText: '本区县尚无供货企业',
    });
    parts.push(h('h2', { text: '全部供货企业' }), table.el);
  }

  if (!parts.length) parts.push(unavailable('供货企业名单'));
  mount(
    view,
    h('div', { class: 'page-head' }, h('h1', { text: role === 'regulator' ? '供货企业' : '供货企业名单' })),
    picker,
    ...parts,
  );
}
