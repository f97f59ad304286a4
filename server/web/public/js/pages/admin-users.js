/**
 * 系统管理员：用户 — list, create (role + school/district), disable/enable, and reset a password in a
 * dialog (the user's sessions and tokens end; they must choose their own password at the next login).
 */
import { get, patch, post } from '../api.js';
import { field, h, mount, notice, pill } from '../dom.js';
import { ROLE_LABELS, ROLE_TENANCY } from '../labels.js';
import { dataTable } from '../table.js';

/** A readable random password that meets the policy (letters and digits, 12 characters). */
function generatePassword() {
  const letters = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const chars = [...bytes.slice(0, 9)].map((b) => letters[b % letters.length]);
  const digits = [...bytes.slice(9)].map((b) => String(b % 10));
  return chars.join('') + digits.join('');
}

export async function render(view) {
  document.title = '用户 - 双送检核验';
  const [users, districts, schools] = await Promise.all([
    get('/api/users'),
    get('/api/districts'),
    get('/api/schools'),
  ]);
  const districtName = Object.fromEntries(districts.map((d) => [d.id, d.name]));
  const schoolName = Object.fromEntries(schools.map((s) => [s.id, s.name]));
  const message = h('div', { 'aria-live': 'polite' });

  const scopeOf = (u) =>
    u.schoolId
      ? (schoolName[u.schoolId] ?? '学校')
      : u.districtId
        ? (districtName[u.districtId] ?? '区县')
        : '全部';

  async function update(u, body, done) {
    try {
      Object.assign(u, await patch(`/api/users/${u.id}`, body));
      table.setRows(users);
      mount(message, notice('ok', done));
    } catch (err) {
      mount(message, notice('error', err.message));
    }
  }

  /** The reset dialog: a temporary password the admin hands over; the user changes it at next login. */
  function resetDialog(u, opener) {
    const password = h('input', {
      name: 'newPassword',
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      required: true,
      maxlength: 256,
      value: generatePassword(),
    });
    const error = h('div', { class: 'form-message', 'aria-live': 'assertive' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', text: '确认重置' });
    const dialog = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': 'reset-title' },
      h(
        'form',
        {
          novalidate: true,
          onsubmit: async (e) => {
            e.preventDefault();
            mount(error);
            if (!password.value) {
              mount(error, notice('error', '请输入临时密码。'));
              password.focus();
              return;
            }
            submit.disabled = true;
            try {
              Object.assign(u, await patch(`/api/users/${u.id}`, { password: password.value }));
              table.setRows(users);
              dialog.close();
              mount(
                message,
                notice('ok', `已重置 ${u.username} 的密码。请将临时密码告知本人；其下次登录时须设置新密码。`),
              );
            } catch (err) {
              mount(error, notice('error', err.message));
              password.focus();
            } finally {
              submit.disabled = false;
            }
          },
        },
        h('h2', { id: 'reset-title', text: `重置 ${u.username}（${u.displayName}）的密码` }),
        field('临时密码', password, '至少 8 位，须同时包含字母和数字。可使用生成的密码，或自行输入。'),
        h('button', {
          type: 'button',
          class: 'btn btn-small',
          text: '重新生成',
          onclick: () => {
            password.value = generatePassword();
            password.focus();
          },
        }),
        notice('warn', '重置后，该用户当前的所有登录和个人访问令牌立即失效；下次登录时须修改密码。'),
        error,
        h(
          'div',
          { class: 'actions' },
          submit,
          h('button', { type: 'button', class: 'btn', text: '取消', onclick: () => dialog.close() }),
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
    });
    document.body.append(dialog);
    dialog.showModal();
    password.select();
  }

  const table = dataTable({
    caption: '用户列表',
    columns: [
      { key: 'username', label: '用户名' },
      { key: 'displayName', label: '姓名' },
      { key: 'roleLabel', label: '角色' },
      { key: 'scope', label: '范围', value: scopeOf },
      {
        key: 'disabled',
        label: '状态',
        render: (u) =>
          u.disabled
            ? pill('已停用', 'bad')
            : u.mustChangePassword
              ? pill('待修改密码', 'warn')
              : pill('正常', 'ok'),
        value: (u) => (u.disabled ? 2 : u.mustChangePassword ? 1 : 0),
      },
      {
        key: 'ops',
        label: '操作',
        sortable: false,
        render: (u) =>
          h(
            'div',
            { class: 'actions' },
            h('button', {
              type: 'button',
              class: 'btn btn-small',
              text: u.disabled ? '启用' : '停用',
              'aria-label': `${u.disabled ? '启用' : '停用'} ${u.username}`,
              onclick: () =>
                void update(
                  u,
                  { disabled: !u.disabled },
                  `已${u.disabled ? '启用' : '停用'}用户 ${u.username}`,
                ),
            }),
            h('button', {
              type: 'button',
              class: 'btn btn-small',
              text: '重置密码',
              'aria-label': `重置 ${u.username} 的密码`,
              onclick: (e) => resetDialog(u, e.currentTarget),
            }),
          ),
      },
    ],
    rows: users,
  });

  const username = h('input', { name: 'username', required: true, maxlength: 64, autocomplete: 'off' });
  const displayName = h('input', { name: 'displayName', required: true, maxlength: 64 });
  const password = h('input', {
    name: 'password',
    type: 'password',
    required: true,
    autocomplete: 'new-password',
  });
  const role = h(
    'select',
    { name: 'role', onchange: () => syncScope() },
    Object.entries(ROLE_LABELS).map(([k, v]) => h('option', { value: k, text: v })),
  );
  const school = h(
    'select',
    { name: 'schoolId' },
    schools.map((s) => h('option', { value: s.id, text: s.name })),
  );
  const district = h(
    'select',
    { name: 'districtId' },
    districts.map((d) => h('option', { value: d.id, text: d.name })),
  );
  const schoolField = field('所属学校', school);
  const districtField = field('所属区县', district);
  function syncScope() {
    schoolField.hidden = ROLE_TENANCY[role.value] !== 'school';
    districtField.hidden = ROLE_TENANCY[role.value] !== 'district';
  }
  syncScope();

  const form = h(
    'form',
    {
      class: 'panel',
      onsubmit: async (e) => {
        e.preventDefault();
        const body = {
          username: username.value,
          displayName: displayName.value,
          password: password.value,
          role: role.value,
        };
        if (ROLE_TENANCY[role.value] === 'school') body.schoolId = school.value;
        if (ROLE_TENANCY[role.value] === 'district') body.districtId = district.value;
        try {
          const u = await post('/api/users', body);
          users.push(u);
          table.setRows(users);
          form.reset();
          syncScope();
          mount(message, notice('ok', `已新建用户：${u.username}`));
        } catch (err) {
          mount(message, notice('error', err.message));
        }
      },
    },
    h('h2', { text: '新建用户' }),
    h(
      'div',
      { class: 'form-row' },
      field('用户名', username),
      field('姓名', displayName),
      field('初始密码', password),
      field('角色', role),
      schoolField,
      districtField,
    ),
    h('button', { type: 'submit', class: 'btn btn-primary', text: '新建用户' }),
  );

  mount(view, h('div', { class: 'page-head' }, h('h1', { text: '用户' })), message, table.el, form);
}
