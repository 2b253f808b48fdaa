const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'api',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
  // One migrated database per jest worker, and the bulk data the run's suites need: the embedded PGlite
  // (started here, docs/architecture.md trap 3) or copies on the server of DATABASE_URL
  // (docs/architecture.md, "Test databases").
  globalSetup: '<rootDir>/test/global-setup.cjs',
  globalTeardown: '<rootDir>/test/global-teardown.cjs',
  setupFiles: ['<rootDir>/test/setup-env.cjs', '<rootDir>/test/one-query-at-a-time.cjs'],
  // LANTERN_SETUP_TIMES=<file> records how long each beforeAll takes.
  setupFilesAfterEnv: ['<rootDir>/test/setup-times.cjs'],
};
