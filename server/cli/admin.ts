/**
 * Administration CLI (`npm run cli -- …`). Opens the configured database: while the server owns
 * the embedded database, it refuses with a clear message (DATA_DIR_LOCKED) — use the API then.
 */
import { parseArgs } from 'node:util';
import { config, ConfigError } from '../config';
import { bootstrap, shutdown } from '../bootstrap';
import { createLogger } from '../logger';
import { createDistrict, createSchool, createUser } from '../use-cases/accounts/manage-accounts';
import { formatDemoAccounts, loadDemo } from '../use-cases/accounts/load-demo';
import { findDistrictByCode, listSchools } from '../../models/district.repository';
import { AppError } from '../errors';
import { DataDirLockedError } from '../../models/data-dir-lock';
import type { AppContext } from '../context';
import { checkStorage, formatStorageReport } from '../storage/check-storage';

const USAGE = `用法: npm run cli -- <命令> [选项]
  migrate                                   执行数据库迁移
  demo                                      载入演示区县并（重新）生成演示账户密码
  create-district --code C --name 名称 --bureau 教育行政部门名称
  create-school --district C --name 名称 --kind primary|junior|senior|kindergarten|complete_secondary|nine_year
  create-user --username U --name 姓名 --role school_staff|bureau|regulator|admin
              [--school 学校名称] [--district C] [--password P]
  list-schools --district C
  check-storage [--verify-hashes]           比对上传目录与数据库（缺失、孤立、损坏的文件）`;

type Opts = Record<string, string | undefined>;

async function districtId(ctx: AppContext, code: string | undefined): Promise<string> {
  if (!code) throw new AppError('VALIDATION_FAILED', '请用 --district 指定区县代码');
  const d = await findDistrictByCode(ctx.db, code);
  if (!d) throw new AppError('VALIDATION_FAILED', `区县代码 ${code} 不存在`);
  return d.id;
}

async function run(command: string, o: Opts, ctx: AppContext): Promise<void> {
  switch (command) {
    case 'migrate':
      process.stdout.write('数据库已迁移到最新版本。\n');
      return;
    case 'demo':
      process.stdout.write(`${formatDemoAccounts(await loadDemo(ctx.db))}\n`);
      return;
    case 'create-district': {
      const d = await createDistrict(ctx.db, null, {
        code: o.code ?? '',
        name: o.name ?? '',
        bureauName: o.bureau ?? '',
      });
      process.stdout.write(`已创建区县 ${d.name}（${d.code}） id=${d.id}\n`);
      return;
    }
    case 'create-school': {
      const kind = o.kind as Parameters<typeof createSchool>[2]['kind'];
      const s = await createSchool(ctx.db, null, {
        districtId: await districtId(ctx, o.district),
        name: o.name ?? '',
        kind,
      });
      process.stdout.write(`已创建学校 ${s.name} id=${s.id}\n`);
      return;
    }
    case 'create-user': {
      const role = o.role as Parameters<typeof createUser>[2]['role'];
      let schoolId: string | undefined;
      if (o.school) {
        const matches = (await listSchools(ctx.db, {})).filter(
          (s) => s.name === o.school || s.id === o.school,
        );
        if (matches.length !== 1) throw new AppError('VALIDATION_FAILED', `找不到唯一的学校“${o.school}”`);
        schoolId = matches[0]!.id;
      }
      const { generatePassword } = await import('../auth/passwords');
      const password = o.password ?? generatePassword();
      const u = await createUser(ctx.db, null, {
        username: o.username ?? '',
        displayName: o.name ?? o.username ?? '',
        role,
        password,
        schoolId,
        districtId: o.district ? await districtId(ctx, o.district) : undefined,
      });
      process.stdout.write(
        `已创建用户 ${u.username}（${u.role}）${o.password ? '' : ` 密码: ${password}`}\n`,
      );
      return;
    }
    case 'list-schools': {
      for (const s of await listSchools(ctx.db, { districtId: await districtId(ctx, o.district) })) {
        process.stdout.write(`${s.id}  ${s.name}  ${s.kind}\n`);
      }
      return;
    }
    case 'check-storage': {
      const report = await checkStorage(ctx, { verifyHashes: o['verify-hashes'] !== undefined });
      process.stdout.write(`${formatStorageReport(report)}\n`);
      if (!report.ok) throw new AppError('CONFLICT', '上传目录与数据库不一致');
      return;
    }
    default:
      throw new AppError('BAD_REQUEST', `未知命令 ${command}\n${USAGE}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      bureau: { type: 'string' },
      district: { type: 'string' },
      kind: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      school: { type: 'string' },
      password: { type: 'string' },
      'verify-hashes': { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let ctx: AppContext;
  try {
    const cfg = config();
    ctx = await bootstrap({ config: cfg, logger: createLogger('warn'), services: false });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DataDirLockedError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  try {
    await run(command, { ...values, 'verify-hashes': values['verify-hashes'] ? '1' : undefined }, ctx);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(`错误 (${e.code}): ${e.userMessage}\n`);
      return 1;
    }
    throw e;
  } finally {
    await shutdown(ctx);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
