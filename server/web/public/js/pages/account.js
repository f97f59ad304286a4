/** 我的账户: who I am, changing my password, and personal API tokens (for scripts and lab systems). */
import { del, get, post, setCsrfToken } from '../api.js';
import { field, fmtTime, h, mount, notice, pill } from '../dom.js';
import { dataTable } from '../table.js';
import { passwordForm } from './password.js';

export async function render(view, { session }) {
  document.title = '我的账户 - 双送检核验';
  const user = session.user;
  const tokens = await get('/api/tokens');
  const message = h('div', { 'aria-live': 'polite' });
  const table = dataTable({
    caption: '个人访问令牌',
    columns: [
      { key: 'name', label: '名称' },
      { key: 'createdAt', label: '创建时间', render: (t) => fmtTime(t.createdAt) },
      { key: 'lastUsedAt', label: '最近使用', render: (t) => fmtTime(t.lastUsedAt) },
      {
        key: 'revoked',
        label: '状态',
        render: (t) => (t.revoked ? pill('已撤销', 'neutral') : pill('有效', 'ok')),
      },
      {
        key: 'ops',
        label: '操作',
        sortable: false,
        render: (t) =>
          t.revoked
            ? ''
            : h('button', {
                type: 'button',
                class: 'btn btn-small btn-danger',
                text: '撤销',
                'aria-label': `撤销令牌 ${t.name}`,
                onclick: async () => {
                  try {
                    await del(`/api/tokens/${t.id}`);
                    t.revoked = true;
                    table.setRows(tokens);
                    mount(message, notice('ok', `已撤销令牌：${t.name}`));
                  } catch (err) {
                    mount(message, notice('error', err.message));
                  }
                },
              }),
      },
    ],
    rows: tokens,
    emptyText: '尚未创建令牌',
  });
  const password = passwordForm({
    onChanged: (result) => {
      setCsrfToken(result.csrfToken);
      // Every token of the user was revoked with the old password.
      for (const t of tokens) t.revoked = true;
      table.setRows(tokens);
      mount(message, notice('ok', '密码已修改。其他设备上的登录和所有个人访问令牌已失效。'));
      message.scrollIntoView({ block: 'nearest' });
    },
  });
  const name = h('input', { name: 'tokenName', required: true, maxlength: 64 });
  const form = h(
    'form',
    {
      class: 'panel',
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const t = await post('/api/tokens', { name: name.value });
          tokens.unshift(t);
          table.setRows(tokens);
          form.reset();
          mount(
            message,
            notice(
              'ok',
              '令牌已创建，只显示这一次，请立即复制保存：',
              h('div', { class: 'secret', text: t.token }),
            ),
          );
        } catch (err) {
          mount(message, notice('error', err.message));
        }
      },
    },
    h('h2', { text: '新建个人访问令牌' }),
    h('p', {
      class: 'hint',
      text: '令牌用于脚本或实验室系统调用接口（请求头 Authorization: Bearer 令牌）。',
    }),
    field('令牌名称', name),
    h('button', { type: 'submit', class: 'btn btn-primary', text: '创建令牌' }),
  );
  mount(
    view,
    h('h1', { text: '我的账户' }),
    h(
      'div',
      { class: 'panel' },
      h(
        'dl',
        { class: 'kv' },
        h('dt', { text: '用户名' }),
        h('dd', { text: user.username }),
        h('dt', { text: '姓名' }),
        h('dd', { text: user.displayName }),
        h('dt', { text: '角色' }),
        h('dd', { text: user.roleLabel }),
      ),
    ),
    message,
    password.el,
    h('h2', { text: '个人访问令牌' }),
    table.el,
    form,
  );
}
