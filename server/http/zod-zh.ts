/**
 * The one Chinese error map for zod (STYLE.md G5: Chinese for people, codes for programs). Schemas
 * that give their own message keep it; every other issue is worded here, without type names or
 * English fragments ("expected number, received NaN" becomes 应为数字). The field itself is named by
 * validationError (server/http/route.ts) from FIELD_LABELS, so messages here never carry a path.
 * Installed once, globally, when this module is loaded.
 */
import { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否（true / false）',
  array: '列表',
  object: '对象（键值对）',
  date: '日期',
  null: '空值',
};

const FORMAT_NAMES: Record<string, string> = {
  uuid: '编号',
  guid: '编号',
  email: '电子邮件地址',
  url: '网址',
  date: '日期（YYYY-MM-DD）',
  datetime: '日期时间',
  time: '时间',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  json_string: 'JSON 文本',
};

type Issue = z.core.$ZodRawIssue;

function sizeWord(origin: string | undefined): { unit: string; kind: 'text' | 'list' | 'number' } {
  if (origin === 'string') return { unit: '个字符', kind: 'text' };
  if (origin === 'array' || origin === 'set' || origin === 'map') return { unit: '项', kind: 'list' };
  if (origin === 'file') return { unit: '字节', kind: 'list' };
  return { unit: '', kind: 'number' };
}

/** The Chinese message of one zod issue (no field name, no path). */
export function chineseIssueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '不能为空';
      if (issue.expected === 'number' && typeof issue.input === 'number') {
        return Number.isNaN(issue.input) ? '应为数字' : '应为有限的数字';
      }
      return `应为${TYPE_NAMES[issue.expected] ?? '正确的类型'}`;
    }
    case 'too_small': {
      const { unit, kind } = sizeWord(issue.origin);
      const min = Number(issue.minimum);
      if (kind === 'text' && min <= 1) return '不能为空';
      if (kind === 'list' && min <= 1) return '至少需要 1 项';
      if (kind === 'number') return issue.inclusive ? `不能小于 ${min}` : `应大于 ${min}`;
      return `至少 ${min} ${unit}`;
    }
    case 'too_big': {
      const { unit, kind } = sizeWord(issue.origin);
      const max = Number(issue.maximum);
      if (kind === 'number') return issue.inclusive ? `不能大于 ${max}` : `应小于 ${max}`;
      return kind === 'text' ? `不能超过 ${max} ${unit}` : `最多 ${max} ${unit}`;
    }
    case 'invalid_format': {
      if (issue.format === 'starts_with') return `应以“${String(issue.prefix)}”开头`;
      if (issue.format === 'ends_with') return `应以“${String(issue.suffix)}”结尾`;
      if (issue.format === 'includes') return `应包含“${String(issue.includes)}”`;
      const name = FORMAT_NAMES[issue.format];
      return name ? `不是有效的${name}` : '格式不正确';
    }
    case 'invalid_value':
      return '不是允许的取值';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `包含不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return '格式不正确';
    default:
      return '格式不正确';
  }
}

z.config({ customError: (issue) => chineseIssueMessage(issue) });
