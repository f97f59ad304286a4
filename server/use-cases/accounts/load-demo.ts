/**
 * 演示数据: one demo district with a school, a kindergarten and one account per role.
 * Passwords are generated and returned once (printed on the console by the caller).
 */
import { count } from 'drizzle-orm';
import type { Db } from '../../../models/db';
import { users } from '../../../models/schema';
import { findDistrictByCode } from '../../../models/district.repository';
import { findUserByUsername, replacePassword } from '../../../models/user.repository';
import { generatePassword, hashPassword } from '../../auth/passwords';
import { createDistrict, createSchool, createUser } from './manage-accounts';
import type { Role } from '../../../models/user.repository';
import { DEMO_DISTRICT, DEMO_SCHOOLS } from '../../demo/demo-district';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  scope: string;
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

/** Creates the demo district (once) and (re)sets the demo accounts' passwords. */
export async function loadDemo(db: Db): Promise<DemoAccount[]> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    let district = await findDistrictByCode(t, DEMO_DISTRICT.code);
    const created = !district;
    district ??= await createDistrict(t, null, { ...DEMO_DISTRICT });
    const schoolsByName: Record<string, string> = {};
    if (created) {
      for (const s of Object.values(DEMO_SCHOOLS)) {
        const school = await createSchool(t, null, { districtId: district.id, ...s });
        schoolsByName[school.name] = school.id;
      }
    }
    const specs: Array<Omit<DemoAccount, 'password'> & { schoolName?: string; districtScoped?: boolean }> = [
      { username: 'admin', role: 'admin', displayName: '系统管理员', scope: '全部' },
      {
        username: 'bureau',
        role: 'bureau',
        displayName: '明德区教育局 王科长',
        scope: district.name,
        districtScoped: true,
      },
      {
        username: 'regulator',
        role: 'regulator',
        displayName: '明德区市场监管局 李科长',
        scope: district.name,
        districtScoped: true,
      },
      {
        username: 'school',
        role: 'school_staff',
        displayName: '实验小学 张老师',
        scope: DEMO_SCHOOLS.primary.name,
        schoolName: DEMO_SCHOOLS.primary.name,
      },
      {
        username: 'kindergarten',
        role: 'school_staff',
        displayName: '阳光幼儿园 刘老师',
        scope: DEMO_SCHOOLS.kindergarten.name,
        schoolName: DEMO_SCHOOLS.kindergarten.name,
      },
    ];
    const out: DemoAccount[] = [];
    for (const s of specs) {
      const password = generatePassword();
      const existing = await findUserByUsername(t, s.username);
      if (existing) {
        await replacePassword(tx, existing.id, await hashPassword(password), false);
      } else if (created || !s.schoolName) {
        await createUser(t, null, {
          username: s.username,
          displayName: s.displayName,
          password,
          role: s.role,
          schoolId: s.schoolName ? schoolsByName[s.schoolName] : undefined,
          districtId: s.districtScoped ? district.id : undefined,
        });
      } else continue;
      out.push({ username: s.username, password, role: s.role, displayName: s.displayName, scope: s.scope });
    }
    return out;
  });
}

export function formatDemoAccounts(accounts: DemoAccount[]): string {
  const lines = accounts.map(
    (a) => `  ${a.username.padEnd(14)} ${a.password.padEnd(18)} ${a.displayName}（${a.scope}）`,
  );
  return [
    '演示账户（密码只显示这一次，请妥善保存；`npm run demo` 可重新生成）:',
    '  用户名          密码               角色与范围',
    ...lines,
  ].join('\n');
}
