/**
 * Builds the Express app without listening (supertest imports it; server/main.ts listens).
 * Request flow: request id + log → helmet → JSON body → authenticate → route (validate → handler)
 * → the one error handler.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './context';
import { AppError } from './errors';
import { allRoutes } from './routes';
import { beforeHandlers, toExpressHandler } from './http/route';
import { buildOpenApiDocument } from './http/openapi';
import { authenticate } from './middleware/authenticate';
import { errorHandler } from './middleware/error-handler';
import { refuseDeepJson } from './middleware/json-depth';
import { pageNotFound } from './middleware/not-found';
import { mountWeb } from './web/mount';

export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          connectSrc: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(express.json({ limit: '2mb', verify: refuseDeepJson }));

  const routes = allRoutes();
  const openApi = buildOpenApiDocument(routes);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApi);
  });

  app.use(authenticate(ctx));
  for (const r of routes) {
    app[r.method](r.path, ...beforeHandlers(r, ctx), toExpressHandler(r, ctx));
  }
  app.use('/api', (_req, _res, next) => next(new AppError('NOT_FOUND', '接口不存在')));
  mountWeb(app, ctx);
  app.use(pageNotFound);
  app.use(errorHandler(ctx.logger));
  return app;
}
