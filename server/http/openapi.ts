/** The OpenAPI 3 document, generated from the route declarations' zod schemas. */
import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { z, type ZodType } from 'zod';
import { ERROR_TABLE } from '../errors';
import { openApiPath, type RouteDef } from './route';

export const ErrorBody = z.object({
  code: z.enum(Object.keys(ERROR_TABLE) as [string, ...string[]]).describe('稳定的英文错误代码'),
  message: z.string().describe('中文错误说明'),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});

export function buildOpenApiDocument(routes: RouteDef<unknown, unknown, unknown>[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'dsv_session',
  });
  for (const r of routes) {
    const responses: Record<
      string,
      { description: string; content?: Record<string, { schema: ZodType | object }> }
    > = {};
    const ok = String(r.status ?? 200);
    if (r.produces) {
      responses[ok] = {
        description: '成功',
        content: Object.fromEntries(
          r.produces.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
        ),
      };
    } else {
      responses[ok] = r.response
        ? { description: '成功', content: { 'application/json': { schema: r.response } } }
        : { description: '成功' };
    }
    const err = { description: '错误', content: { 'application/json': { schema: ErrorBody } } };
    responses['400'] = err;
    if (r.access === 'user') {
      responses['401'] = err;
      responses['403'] = err;
    }
    const request: Record<string, unknown> = {};
    if (r.params) request.params = r.params;
    if (r.query) request.query = r.query;
    if (r.body) {
      request.body = {
        content: { [r.multipart ? 'multipart/form-data' : 'application/json']: { schema: r.body } },
      };
    }
    registry.registerPath({
      method: r.method,
      path: openApiPath(r.path),
      summary: r.summary,
      tags: [r.tag],
      security: r.access === 'user' ? [{ bearer: [] }, { session: [] }] : [],
      request: request,
      responses: responses,
    });
  }
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: '双送检核验 API',
      version: '1.0.0',
      description:
        '中小学校服、幼儿园园服、塑料玩具、学生被褥“双送检”核验服务接口。错误响应均为 { code, message, details }。',
    },
  });
}
