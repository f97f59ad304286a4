/**
 * 名单: for market supervision the inbox of received supplier lists (newest first, unread marked);
 * for the bureau the lists it has sent, with whether they were acknowledged.
 */
import { get, hasRoute, withQuery } from '../api.js';
import { fmtTime, h, mount, pill, unavailable } from '../dom.js';
import { dataTable } from '../table.js';
import { chooseDistrict } from '../district.js';
import { may } from '../may.js';

export async function render(view, { query, go }) {
  // Market supervision receives lists (and acknowledges them); the bureau sends them.
  const inbox = may('samplingList.acknowledge');
  const title = inbox ? '收到的名单' : '已发送的名单';
  document.title = `${title} - 双送检核验`;
  if (!hasRoute('get', '/api/sampling-lists')) {
    mount(view, h('h1', { text: title }), unavailable(title));
    return;
  }
  const { districtId, picker } = await chooseDistrict(query, go, '/lists');
  const lists = await get(withQuery('/api/sampling-lists', { districtId }));
  const table = dataTable({
    caption: title,
    sort: { key: 'version', dir: 'descending' },
    columns: [
      {
        key: 'version',
        label: '版本',
        num: true,
        render: (l) => h('a', { href: `#/lists/${l.id}`, text: `第 ${l.version} 版` }),
      },
      { key: 'sentAt', label: '发送时间', render: (l) => fmtTime(l.sentAt) },
      { key: 'sentByName', label: '发送人' },
      { key: 'entryCount', label: '企业数', num: true },
      { key: 'registryVersion', label: '规则库版本' },
      {
        key: 'acknowledgedAt',
        label: '状态',
        render: (l) =>
          l.acknowledgedAt
            ? pill(`已确认接收 ${fmtTime(l.acknowledgedAt)}`, 'ok')
            : pill(inbox ? '新名单，待确认' : '待市场监管部门确认', 'warn'),
      },
    ],
    rows: lists,
    emptyText: inbox ? '尚未收到教育行政部门发送的名单' : '尚未发送名单',
  });
  mount(
    view,
    h(
      'div',
      { class: 'page-head' },
      h('h1', { text: title }),
      inbox ? null : h('a', { class: 'btn btn-primary', href: '#/suppliers', text: '预览并发送名单' }),
    ),
    picker,
    table.el,
  );
}
