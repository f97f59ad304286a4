import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { AppError } from '../../errors';

export const healthRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    summary: '存活检查',
    tag: '运维',
    access: 'public',
    response: z.object({ status: z.literal('ok') }),
    handler: () => Promise.resolve({ status: 'ok' as const }),
  }),
  defineRoute({
    method: 'get',
    path: '/readyz',
    summary: '就绪检查（数据库可用）',
    tag: '运维',
    access: 'public',
    response: z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) }),
    handler: async ({ ctx }) => {
      try {
        await ctx.database.query('select 1');
      } catch (e) {
        throw new AppError('NOT_READY', '数据库不可用', undefined, { cause: e });
      }
      return { status: 'ready' as const, database: ctx.database.driver };
    },
  }),
];
