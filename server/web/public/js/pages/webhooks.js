/**
 * 名单接收地址 (market supervision, admin): where sent supplier lists are pushed — signed webhook
 * URLs or e-mail addresses — and each delivery's attempts.
 */
import { del, get, hasRoute, post, withQuery } from '../api.js';
import { field, fmtTime, h, mount, notice, pill, unavailable } from '../dom.js';
import { dataTable } from '../table.js';
import { chooseDistrict } from '../district.js';

export async function render(view, { query, go }) {
  document.title = '名单接收地址 - 双送检核验';
  if (!hasRoute('get', '/api/webhooks')) {
    mount(view, h('h1', { text: '名单接收地址' }), unavailable('名单接收地址'));
    return;
  }
  const { districtId, picker } = await chooseDistrict(query, go, '/webhooks');
  const endpoints = await get(withQuery('/api/webhooks', { districtId }));
  const message = h('div', { 'aria-live': 'polite' });
  const deliveries = h('div');

  const table = dataTable({
    caption: '接收地址',
    columns: [
      { key: 'url', label: '地址', render: (e) => h('span', { class: 'mono', text: e.url }) },
      { key: 'channel', label: '方式', value: (e) => (e.channel === 'email' ? '电子邮件' : 'Webhook') },
      {
        key: 'active',
        label: '状态',
        render: (e) => (e.active ? pill('启用', 'ok') : pill('已停用', 'neutral')),
      },
      { key: 'createdAt', label: '添加时间', render: (e) => fmtTime(e.createdAt) },
      {
        key: 'ops',
        label: '操作',
        sortable: false,
        render: (e) =>
          h(
            'div',
            { class: 'actions' },
            h('button', {
              type: 'button',
              class: 'btn btn-small',
              text: '投递记录',
              onclick: () => void showDeliveries(e),
            }),
            e.active
              ? h('button', {
                  type: 'button',
                  class: 'btn btn-small btn-danger',
                  text: '停用',
                  onclick: async () => {
                    try {
                      await del(`/api/webhooks/${encodeURIComponent(e.id)}`);
                      e.active = false;
                      table.setRows(endpoints);
                      mount(message, notice('ok', `已停用：${e.url}`));
                    } catch (err) {
                      mount(message, notice('error', err.message));
                    }
                  },
                })
              : null,
          ),
      },
    ],
    rows: endpoints,
    emptyText: '尚未添加接收地址：名单仅在本系统“收到的名单”中查看',
  });

  async function showDeliveries(e) {
    try {
      const rows = await get(`/api/webhooks/${encodeURIComponent(e.id)}/deliveries`);
      const list = Array.isArray(rows) ? rows : (rows.items ?? []);
      mount(
        deliveries,
        h(
          'section',
          { class: 'panel' },
          h('h2', { text: `投递记录：${e.url}` }),
          list.length
            ? h(
                'ul',
                {},
                list.map((d) =>
                  h('li', {
                    text: `${fmtTime(d.createdAt ?? d.at ?? d.deliveredAt)} · ${d.status ?? ''}${(d.statusCode ?? d.lastStatusCode) ? ` · HTTP ${d.statusCode ?? d.lastStatusCode}` : ''}${(d.error ?? d.lastError) ? ` · ${d.error ?? d.lastError}` : ''}`,
                  }),
                ),
              )
            : h('p', { class: 'hint', text: '暂无投递记录' }),
        ),
      );
    } catch (err) {
      mount(message, notice('error', err.message));
    }
  }

  const url = h('input', {
    name: 'url',
    required: true,
    placeholder: 'https://… 或 mailto:…',
    maxlength: 2000,
  });
  const form = h(
    'form',
    {
      class: 'panel',
      onsubmit: async (ev) => {
        ev.preventDefault();
        try {
          const e = await post('/api/webhooks', {
            url: url.value.trim(),
            ...(districtId ? { districtId } : {}),
          });
          endpoints.push(e);
          table.setRows(endpoints);
          form.reset();
          mount(
            message,
            notice(
              'ok',
              '已添加接收地址。签名密钥只显示这一次，请交给接收系统保存：',
              h('div', { class: 'secret', text: e.secret ?? '' }),
            ),
          );
        } catch (err) {
          mount(message, notice('error', err.message));
        }
      },
    },
    h('h2', { text: '添加接收地址' }),
    h('p', {
      class: 'hint',
      text: '教育行政部门发送名单时，系统向这些地址推送（Webhook 以 HMAC 签名；邮件需服务器已配置 SMTP）。',
    }),
    field('接收地址', url),
    h('button', { type: 'submit', class: 'btn btn-primary', text: '添加' }),
  );
  mount(view, h('h1', { text: '名单接收地址' }), picker, message, table.el, deliveries, form);
}
