// End-to-end tests (test/e2e): the real app on a random port, driven through Debian's Chromium by
// playwright-core. Run with `npm run test:e2e` (needs /usr/bin/chromium or CHROMIUM_PATH).
module.exports = {
  testTimeout: 240000,
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  maxWorkers: 1,
};
