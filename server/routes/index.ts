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

export function allRoutes(): AnyRoute[] {
  return [...healthRoutes, ...authRoutes, ...districtRoutes, ...schoolRoutes, ...userRoutes, ...tokenRoutes];
}
