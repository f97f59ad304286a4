/** 系统管理员：用户 — list, create (role + school/district), disable/enable, reset password. */
import { get, patch, post } from '../api.js';
import { field, h, mount, notice, pill } from '../dom.js';
import { ROLE_LABELS } from '../labels.js';
import { dataTable } from '../table.js';

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
        render: (u) => (u.disabled ? pill('已停用', 'bad') : pill('正常', 'ok')),
        value: (u) => (u.disabled ? 1 : 0),
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
              onclick: () => {
                const pw = window.prompt(`为 ${u.username} 设置新密码（至少 8 位，须同时包含字母和数字）：`);
                if (pw) void update(u, { password: pw }, `已重置 ${u.username} 的密码`);
              },
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
    schoolField.hidden = role.value !== 'school_staff';
    districtField.hidden = role.value !== 'bureau' && role.value !== 'regulator';
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
        if (role.value === 'school_staff') body.schoolId = school.value;
        if (role.value === 'bureau' || role.value === 'regulator') body.districtId = district.value;
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
