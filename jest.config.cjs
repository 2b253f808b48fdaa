/** `npm test`: every project's unit (*.spec.ts) and integration (*.int-spec.ts) tests. */
module.exports = {
  projects: ['<rootDir>/libs/anonymize/jest.config.cjs', '<rootDir>/libs/permissions/jest.config.cjs', '<rootDir>/tools/synthetic/jest.config.cjs', '<rootDir>/apps/api/jest.config.cjs'],
  testTimeout: 30000,
  // Jest's order; it tells the API's global setup which files run (apps/api/test/sequencer.cjs).
  testSequencer: '<rootDir>/apps/api/test/sequencer.cjs',
  reporters: ['default', ['<rootDir>/tools/jest-summary-reporter.cjs', { file: 'test-results/jest.json' }]],
};
