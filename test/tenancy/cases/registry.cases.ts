/** Tenancy cases for the rule registry: everyone reads it, only the admin publishes versions. */
import { bundledRegistries } from '../../../server/verify/registry/registry';
import { ALL, type TenancyCase } from '../cases';

let n = 100;
const everyone = { school_staff: ALL, bureau: ALL, regulator: ALL, admin: ALL };

export const cases: TenancyCase[] = [
  {
    route: 'GET /api/registry',
    untenanted: true,
    request: () => Promise.resolve({ method: 'get', url: '/api/registry' }),
    allow: everyone,
  },
  {
    route: 'GET /api/registry/versions/:version',
    untenanted: true,
    request: () =>
      Promise.resolve({ method: 'get', url: `/api/registry/versions/${bundledRegistries()[0]!.version}` }),
    allow: everyone,
  },
  {
    route: 'POST /api/registry/versions',
    untenanted: true,
    request: () => {
      const base = bundledRegistries()[0]!;
      // An old effective date keeps the newer bundled version in force for the rest of the suite.
      const rules = { ...base, version: `2001.${n++}`, effectiveFrom: '2001-01-01', note: '矩阵测试版本' };
      return Promise.resolve({ method: 'post', url: '/api/registry/versions', body: { rules } });
    },
    allow: { admin: ALL },
  },
];
