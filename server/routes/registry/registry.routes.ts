import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { authorize } from '../../policies/policy';
import { notFound } from '../../errors';
import {
  getRegistryVersion,
  listRegistryInfo,
  publishRegistryVersion,
} from '../../use-cases/registry/rule-registry';

const VersionInfo = z.object({
  version: z.string(),
  effectiveFrom: z.string(),
  note: z.string(),
  source: z.enum(['bundled', 'published']).describe('bundled: 随系统发布; published: 管理员发布'),
  publishedAt: z.string().nullable(),
  active: z.boolean().describe('今天的核验使用此版本'),
});
const VersionParams = z.object({
  version: z.string().regex(/^\d{4}\.\d+$/, '版本号格式应为 年份.序号，如 2026.2'),
});
const PublishBody = z.object({
  rules: z.record(z.string(), z.unknown()).describe('完整的规则库文档（与现有版本同一结构）'),
});

export const registryRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/registry',
    summary: '规则库版本列表（标准、必检项目、限量值、日期窗口）',
    tag: '规则库',
    access: 'user',
    response: z.array(VersionInfo),
    handler: async ({ ctx, user }) => {
      authorize(user, 'registry.read');
      return listRegistryInfo(ctx.db);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/registry/versions/:version',
    summary: '某一规则库版本的完整内容',
    tag: '规则库',
    access: 'user',
    params: VersionParams,
    response: z.record(z.string(), z.unknown()),
    handler: async ({ ctx, user, params }) => {
      authorize(user, 'registry.read');
      const r = await getRegistryVersion(ctx.db, params.version);
      if (!r) throw notFound('规则库版本');
      return r;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/registry/versions',
    summary: '发布新的规则库版本（记录变更并重新核验全部区县）',
    tag: '规则库',
    access: 'user',
    body: PublishBody,
    status: 201,
    response: z.object({ version: VersionInfo, reverifiedDistricts: z.number() }),
    handler: async ({ ctx, user, body }) => {
      authorize(user, 'registry.update');
      return publishRegistryVersion(ctx.db, user, body.rules);
    },
  }),
];
