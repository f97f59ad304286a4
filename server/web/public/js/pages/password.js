/**
 * 修改密码: the form on 我的账户, and the page a user lands on after an administrator reset their
 * password (they must choose their own before anything else). A successful change ends every other
 * session and token of the user; this browser gets a fresh session (and CSRF token).
 */
import { post } from '../api.js';
import { field, h, mount, notice } from '../dom.js';

const POLICY = '至少 8 位，须同时包含字母和数字';

/** The change-password form; `onChanged(result)` receives the new session ({ user, csrfToken }). */
export function passwordForm({ onChanged, submitText = '修改密码', currentLabel = '当前密码' }) {
  const input = (name, autocomplete) =>
    h('input', { name, type: 'password', autocomplete, required: true, maxlength: 256 });
  const current = input('currentPassword', 'current-password');
  const next = input('newPassword', 'new-password');
  const again = input('confirmPassword', 'new-password');
  const message = h('div', { class: 'form-message', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', text: submitText });
  const form = h(
    'form',
    {
      class: 'panel password-form',
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        mount(message);
        const problem = !current.value
          ? [current, `请输入${currentLabel}。`]
          : !next.value
            ? [next, '请输入新密码。']
            : next.value !== again.value
              ? [again, '两次输入的新密码不一致。']
              : null;
        if (problem) {
          mount(message, notice('error', problem[1]));
          problem[0].focus();
          return;
        }
        submit.disabled = true;
        try {
          const result = await post('/api/auth/password', {
            currentPassword: current.value,
            newPassword: next.value,
          });
          form.reset();
          onChanged(result);
        } catch (err) {
          mount(message, notice('error', err.message));
          (err.code === 'INVALID_CREDENTIALS' ? current : next).focus();
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('h2', { text: '修改密码' }),
    field(currentLabel, current),
    field('新密码', next, POLICY),
    field('再次输入新密码', again),
    h('p', { class: 'hint', text: '修改后，您在其他设备上的登录和所有个人访问令牌都将失效。' }),
    message,
    submit,
  );
  return { el: form, focus: () => current.focus() };
}

/** The page for a user whose password was reset by an administrator. */
export function render(view, { session, query, go, signIn, homeOf }) {
  document.title = '设置新密码 - 双送检核验';
  const form = passwordForm({
    submitText: '设置新密码并继续',
    currentLabel: '临时密码（管理员告知）',
    onChanged: (result) => {
      signIn(result);
      go(query.next || homeOf());
    },
  });
  mount(
    view,
    h('h1', { text: '设置新密码' }),
    notice(
      'warn',
      `${session.user.displayName}，管理员已重置您的密码。请输入管理员告知的临时密码，并设置您自己的新密码后继续使用。`,
    ),
    form.el,
  );
  form.focus();
}
