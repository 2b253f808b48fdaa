/** `npm test`: every project's unit (*.spec.ts) and integration (*.int-spec.ts) tests. */
module.exports = {
  projects: ['<rootDir>/libs/anonymize/jest.config.cjs', '<rootDir>/libs/permissions/jest.config.cjs', '<rootDir>/tools/synthetic/jest.config.cjs', '<rootDir>/apps/api/jest.config.cjs'],
  testTimeout: 30000,
  // The tests run in a worker process, recycled once a test file leaves it above this much memory (jest's
  // own remedy for memory test files keep). With one worker (two cores) jest would otherwise run every
  // file inside its main process, beside the embedded databases of the global setup, and the embedded
  // run reached V8's 4 GB heap limit 17 minutes in (6 December 2026).
  workerIdleMemoryLimit: '1536MB',
  // Jest's order; it tells the API's global setup which files run (apps/api/test/sequencer.cjs).
  testSequencer: '<rootDir>/apps/api/test/sequencer.cjs',
  reporters: ['default', ['<rootDir>/tools/jest-summary-reporter.cjs', { file: 'test-results/jest.json' }]],
};
