/**
 * PostgreSQL errors (node-postgres and PGlite alike, usually wrapped in Drizzle's DrizzleQueryError)
 * as AppErrors: a unique violation is 409 naming what already exists, a missing referenced row 404,
 * a row still referenced 409, bad data (class 22, not-null, check) 400, a serialization failure or
 * deadlock 503 (try again). Anything else is not a database error we can explain: null.
 */
import { AppError } from '../errors';

interface PgError {
  code: string;
  constraint?: string;
  message?: string;
  detail?: string;
}

/** What already exists, per unique constraint (names as in models/schema.ts and the migrations). */
const UNIQUE_MESSAGES: Record<string, string> = {
  users_username_uq: '用户名已存在，请换一个用户名',
  districts_code_unique: '区县代码已存在，请换一个代码',
  schools_district_name_uq: '该区县已有同名学校',
  suppliers_name_uq: '已有同名供货企业',
  rule_registry_versions_version_unique: '该规则版本号已存在',
  documents_school_sha_uq: '该文件已上传过',
  sampling_lists_version_uq: '名单版本冲突，请重新发送',
  contract_lines_uq: '合同明细行序号重复',
  test_reports_document_id_unique: '该文档已有检验报告记录',
  webhook_deliveries_uq: '该名单已投递到此接收地址',
  api_tokens_token_hash_unique: '令牌冲突，请重试',
};

/** The thing a foreign key points at, by referenced table. */
const TABLE_NOUNS: Record<string, string> = {
  districts: '区县',
  schools: '学校',
  users: '用户',
  suppliers: '供货企业',
  documents: '文档',
  contracts: '合同',
  contract_lines: '合同明细行',
  test_reports: '检验报告',
  sampling_lists: '名单',
  webhook_endpoints: '接收地址',
  blobs: '文件',
};

/** The PostgreSQL error inside `err` (it may be wrapped, several levels deep, as `cause`). */
export function findPgError(err: unknown): PgError | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in e) {
      return e as unknown as PgError;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

function referencedNoun(constraint: string | undefined): string {
  // Drizzle names foreign keys <table>_<column>_<referenced table>_<referenced column>_fk.
  const m = constraint ? /_([a-z_]+?)_id_fk$/.exec(constraint) : null;
  if (m?.[1]) {
    for (const [table, noun] of Object.entries(TABLE_NOUNS)) {
      if (m[1].endsWith(table)) return noun;
    }
  }
  return '记录';
}

export function databaseError(err: unknown): AppError | null {
  const pg = findPgError(err);
  if (!pg) return null;
  const cause = { cause: err };
  switch (pg.code) {
    case '23505':
      return new AppError(
        'CONFLICT',
        (pg.constraint && UNIQUE_MESSAGES[pg.constraint]) ?? undefined,
        undefined,
        cause,
      );
    case '23503':
      // "insert or update on table … violates foreign key constraint": the row it points at is missing.
      // "update or delete on table …": other rows still point at this one.
      return /^update or delete/i.test(pg.message ?? '')
        ? new AppError('CONFLICT', '该记录仍被其他数据引用，不能删除或修改', undefined, cause)
        : new AppError('NOT_FOUND', `未找到引用的${referencedNoun(pg.constraint)}`, undefined, cause);
    case '23502':
    case '23514':
      return new AppError('VALIDATION_FAILED', '提交的数据缺少必填项或不符合要求', undefined, cause);
    case '40001':
    case '40P01':
    case '55P03':
      return new AppError('BUSY', undefined, undefined, cause);
    case '54000':
    case '54001':
      return new AppError('VALIDATION_FAILED', '提交的数据过于复杂', undefined, cause);
    default:
      // Class 22: data exceptions (invalid text for the type, value out of range, bad date, NUL …).
      if (pg.code.startsWith('22')) {
        return new AppError('VALIDATION_FAILED', '提交的数据格式不正确', undefined, cause);
      }
      return null;
  }
}
