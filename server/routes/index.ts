/**
 * Every API route of the service, in one list. The Express app mounts them, the OpenAPI
 * document is generated from them, and the tenancy matrix test checks that each one is covered.
 * A feature adds its routes here.
 */
import type { AnyRoute } from '../http/route';
import { healthRoutes } from './health/health.routes';
import { authRoutes } from './auth/auth.routes';
import { districtRoutes } from './districts/districts.routes';
import { schoolRoutes } from './schools/schools.routes';
import { userRoutes } from './users/users.routes';
import { tokenRoutes } from './tokens/tokens.routes';
import { documentRoutes } from './documents/documents.routes';
import { contractRoutes } from './contracts/contracts.routes';
import { complianceRoutes } from './compliance/compliance.routes';
import { supplierRoutes } from './suppliers/suppliers.routes';
import { samplingListRoutes } from './sampling-lists/sampling-lists.routes';
import { samplingResultRoutes } from './sampling-results/sampling-results.routes';
import { webhookRoutes } from './webhooks/webhooks.routes';
import { statisticsRoutes } from './statistics/statistics.routes';
import { notificationRoutes } from './notifications/notifications.routes';
import { registryRoutes } from './registry/registry.routes';
import { vocabularyRoutes } from './vocabulary/vocabulary.routes';

export function allRoutes(): AnyRoute[] {
  return [
    ...healthRoutes,
    ...authRoutes,
    ...districtRoutes,
    ...schoolRoutes,
    ...userRoutes,
    ...tokenRoutes,
    ...documentRoutes,
    ...contractRoutes,
    ...complianceRoutes,
    ...supplierRoutes,
    ...samplingListRoutes,
    ...samplingResultRoutes,
    ...webhookRoutes,
    ...statisticsRoutes,
    ...notificationRoutes,
    ...registryRoutes,
    ...vocabularyRoutes,
  ];
}
