/** 登录: every role signs in here; wrong password and lockout messages come from the API. */
import { post } from '../api.js';
import { field, h, mount, notice } from '../dom.js';

export function render(view, { query, go, signIn, afterLogin }) {
  document.title = '登录 - 双送检核验';
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, maxlength: 64 });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    maxlength: 256,
  });
  const message = h('div', { class: 'form-message', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', text: '登录' });
  if (query.expired) mount(message, notice('warn', '登录已过期，请重新登录。'));
  else if (query.next) mount(message, notice('info', '请先登录，登录后将回到您要打开的页面。'));

  const form = h(
    'form',
    {
      class: 'login-form',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        mount(message);
        if (!username.value.trim() || !password.value) {
          mount(message, notice('error', '请输入用户名和密码。'));
          (username.value.trim() ? password : username).focus();
          return;
        }
        submit.disabled = true;
        submit.textContent = '正在登录…';
        try {
          const result = await post('/api/auth/login', {
            username: username.value.trim(),
            password: password.value,
          });
          signIn(result);
          // Back to the page the visitor opened (a deep link survives the login), or the start page;
          // after an administrator's reset the shell first asks for a new password.
          go(afterLogin(query.next));
        } catch (err) {
          mount(message, notice('error', err.message));
          password.value = '';
          password.focus();
        } finally {
          submit.disabled = false;
          submit.textContent = '登录';
        }
      },
    },
    field('用户名', username),
    field('密码', password),
    message,
    submit,
  );

  mount(
    view,
    h(
      'section',
      { class: 'login' },
      h('h1', { text: '双送检核验' }),
      h('p', { class: 'lead', text: '中小学校服、幼儿园园服、塑料玩具、学生被褥“双送检”核验服务' }),
      form,
      h('p', { class: 'hint', text: '学校采购人员、教育行政部门、市场监管部门与系统管理员均在此登录。' }),
    ),
  );
  username.focus();
}
