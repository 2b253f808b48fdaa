const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's own order. It also tells test/global-setup.cjs which test files this run holds (after
 * patterns, --onlyChanged, --shard...), so that bulk data is prepared only for suites that run.
 */
class RunListSequencer extends Sequencer {
  sort(tests) {
    globalThis.__LANTERN_TEST_PATHS__ = new Set(tests.map((test) => test.path));
    return super.sort(tests);
  }
}

module.exports = RunListSequencer;
