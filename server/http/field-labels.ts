/**
 * The Chinese name of every field a request can carry, so that a validation message names the field
 * as people know it (「用户名」) instead of a request path (`body.username`). Keys are the field names
 * used in route schemas (params, query, body); a unit test walks every route schema and fails for a
 * field without a label here.
 */
import { STATISTICS_FIELD_LABELS } from '../sampling/statistics.layout';

export const FIELD_LABELS: Record<string, string> = {
  ...STATISTICS_FIELD_LABELS,
  acceptedDate: '验收日期',
  address: '地址',
  all: '显示全部报告',
  confirmUnfinished: '确认仍要发送',
  bureauName: '教育行政部门名称',
  cells: '成果统计表',
  code: '区县代码',
  currentPassword: '当前密码',
  disabled: '停用',
  displayName: '姓名',
  districtId: '区县',
  documentId: '检验报告',
  documentIds: '检验报告',
  failedBatches: '不合格批次数',
  failingItems: '不合格项目',
  files: '文件',
  format: '导出格式',
  id: '编号',
  kind: '类型',
  limit: '每页条数',
  lineIds: '合同明细行',
  listId: '名单',
  n: '页码',
  name: '名称',
  newPassword: '新密码',
  note: '备注',
  offset: '起始位置',
  password: '密码',
  path: '字段',
  periodEnd: '统计结束日期',
  periodStart: '统计开始日期',
  policy: '核验政策',
  reportNumbers: '报告编号',
  reportingUnit: '填报单位',
  role: '角色',
  rules: '规则',
  sampledBatches: '抽查批次数',
  sampledOn: '抽查日期',
  schoolId: '学校',
  secret: '签名密钥',
  size: '图片尺寸',
  status: '状态',
  supplierId: '供货企业',
  unread: '仅未读',
  url: '接收地址',
  username: '用户名',
  value: '更正值',
  version: '规则版本',
};

/** What the whole part is called when the problem is the part itself (e.g. a body that is not an object). */
const PART_LABELS: Record<string, string> = {
  body: '提交的内容',
  query: '查询条件',
  params: '地址中的参数',
};

/**
 * The Chinese name of a field at `path` inside a request part: named keys by their label, array
 * positions as 第 N 项 — e.g. ['failingItems', 2] → 不合格项目第3项.
 */
export function fieldLabel(part: string, path: readonly PropertyKey[]): string {
  if (path.length === 0) return PART_LABELS[part] ?? part;
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `第${seg + 1}项`;
    else {
      const key = String(seg);
      const label = FIELD_LABELS[key] ?? key;
      out += out ? `·${label}` : label;
    }
  }
  return out;
}
