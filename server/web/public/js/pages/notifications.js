/** 消息: in-app notifications for my role (e.g. a new supplier list, results recorded). */
import { get, hasRoute, post } from '../api.js';
import { fmtTime, h, mount, notice, pill, unavailable } from '../dom.js';

export async function render(view, { refreshBadge }) {
  document.title = '消息 - 双送检核验';
  if (!hasRoute('get', '/api/notifications')) {
    mount(view, h('h1', { text: '消息' }), unavailable('消息'));
    return;
  }
  const items = await get('/api/notifications');
  const list = Array.isArray(items) ? items : (items.items ?? []);
  const message = h('div', { 'aria-live': 'polite' });
  const link = (n) => {
    const p = n.payload ?? {};
    if (p.listId) return `#/lists/${p.listId}`;
    if (p.documentId) return `#/documents/${p.documentId}`;
    if (p.lineId) return `#/lines/${p.lineId}`;
    if (p.supplierId) return `#/suppliers/${p.supplierId}`;
    return null;
  };
  mount(
    view,
    h('h1', { text: '消息' }),
    message,
    list.length
      ? h(
          'ul',
          { class: 'notifications' },
          list.map((n) => {
            const href = link(n);
            const state = n.read ? pill('已读', 'neutral') : pill('未读', 'info');
            const li = h(
              'li',
              { class: ['panel', n.read ? 'read' : 'unread'] },
              h(
                'div',
                { class: 'row' },
                href ? h('a', { href, text: n.title }) : h('strong', { text: n.title }),
                ' ',
                state,
              ),
              h('div', { class: 'hint', text: fmtTime(n.createdAt) }),
              !n.read && hasRoute('post', '/api/notifications/{id}/read')
                ? h('button', {
                    type: 'button',
                    class: 'btn btn-small',
                    text: '标为已读',
                    onclick: async (e) => {
                      try {
                        await post(`/api/notifications/${encodeURIComponent(n.id)}/read`);
                        state.replaceWith(pill('已读', 'neutral'));
                        e.target.remove();
                        li.classList.replace('unread', 'read');
                        refreshBadge?.();
                      } catch (err) {
                        mount(message, notice('error', err.message));
                      }
                    },
                  })
                : null,
            );
            return li;
          }),
        )
      : h('p', { class: 'empty panel', text: '暂无消息' }),
  );
}
