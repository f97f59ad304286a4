// Two tiers (STYLE.md G17): unit tests beside the code (pure, no DB) and integration tests in test/
// against a real database (PGlite by default, PostgreSQL when TEST_DATABASE_URL is set).
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
module.exports = {
  testTimeout: 60000,
  // Two test files at once: most files run one Node thread, so on a 2-core machine jest's default
  // (cores − 1 = 1 worker) leaves a core idle. Measured on the full suite: 627 s → 461 s.
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{parsers,server,models}/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/test/e2e/'],
      setupFiles: ['<rootDir>/test/setup-env.ts'],
    },
  ],
};
