import { z, type ZodType } from 'zod';
import { allRoutes } from '../routes';
import { FIELD_LABELS, fieldLabel } from './field-labels';
import { validationError } from './route';

/** Every object key reachable in a zod schema (through optional, default, arrays, pipes, unions …). */
function fieldNames(schema: unknown, out = new Set<string>(), depth = 0): Set<string> {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (!def || depth > 20) return out;
  const next = (s: unknown) => fieldNames(s, out, depth + 1);
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
        out.add(k);
        next(v);
      }
      break;
    case 'array':
      next(def.element);
      break;
    case 'pipe':
      next(def.in);
      next(def.out);
      break;
    case 'union':
      for (const o of def.options as unknown[]) next(o);
      break;
    case 'record':
      next(def.valueType);
      break;
    case 'intersection':
      next(def.left);
      next(def.right);
      break;
    default:
      if (def.innerType) next(def.innerType);
  }
  return out;
}

test('Every field of every route (params, query, body) has a Chinese label for validation messages', () => {
  const missing = new Set<string>();
  for (const r of allRoutes()) {
    for (const part of [r.params, r.query, r.body]) {
      for (const k of fieldNames(part)) if (!FIELD_LABELS[k]) missing.add(`${k} (${r.method} ${r.path})`);
    }
  }
  // Add the missing ones to server/http/field-labels.ts.
  expect([...missing]).toEqual([]);
});

test('A field is named by its label, list positions as 第 N 项', () => {
  expect(fieldLabel('body', ['username'])).toBe('用户名');
  expect(fieldLabel('body', ['failingItems', 2])).toBe('不合格项目第3项');
  expect(fieldLabel('body', [])).toBe('提交的内容');
});

describe('zod messages are Chinese, name the field and carry no request path', () => {
  const schema = z.object({
    username: z.string().min(3),
    failedBatches: z.coerce.number().int().min(0),
    sampledOn: z.iso.date(),
    schoolId: z.uuid(),
    role: z.enum(['bureau', 'regulator']),
    failingItems: z.array(z.string().max(5)).max(2),
    disabled: z.boolean(),
  });
  const messageOf = (body: unknown, s: ZodType = schema) => {
    const r = s.safeParse(body);
    if (r.success) throw new Error('expected a failure');
    return validationError('body', r.error);
  };

  test('When every field is wrong, then each is named in Chinese with a Chinese reason', () => {
    const err = messageOf({
      username: 'ab',
      failedBatches: 'abc',
      sampledOn: '2024/13/1',
      schoolId: 'x',
      role: 'root',
      failingItems: ['a', 'b', 'c'],
      disabled: 'yes',
    });
    const msg = err.userMessage;
    for (const part of [
      '用户名：至少 3 个字符',
      '不合格批次数：应为数字',
      '抽查日期：不是有效的日期（YYYY-MM-DD）',
      '学校：不是有效的编号',
      '角色：不是允许的取值',
      '不合格项目：最多 2 项',
      '停用：应为是或否（true / false）',
    ]) {
      expect(msg).toContain(part);
    }
    expect(msg).not.toMatch(/body\.|expected|received|NaN|Invalid|string|number/i);
    expect(err.details).toEqual(
      expect.arrayContaining([{ field: 'body.failedBatches', label: '不合格批次数', message: '应为数字' }]),
    );
  });

  test('When one element of a list is wrong, then its position is named', () => {
    expect(
      messageOf({ failingItems: ['123456'] }, z.object({ failingItems: z.array(z.string().max(5)) }))
        .userMessage,
    ).toBe('提交的数据不符合要求：不合格项目第1项：不能超过 5 个字符');
  });

  test('When a required field is missing or the body is not an object, then 不能为空 / 应为对象', () => {
    expect(messageOf({}, z.object({ username: z.string() })).userMessage).toBe(
      '提交的数据不符合要求：用户名：不能为空',
    );
    expect(messageOf([1, 2]).userMessage).toBe('提交的数据不符合要求：提交的内容：应为对象（键值对）');
  });

  test('When a schema has its own message naming the field, then it is not named twice', () => {
    const s = z.object({ username: z.string().min(1, '请输入用户名') });
    expect(messageOf({ username: '' }, s).userMessage).toBe('提交的数据不符合要求：请输入用户名');
  });
});
