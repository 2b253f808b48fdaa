const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, resolve } = require('node:path');

/** Writes pass/fail totals to a JSON file, so CI can sum every suite into one line. */
class SummaryReporter {
  constructor(_globalConfig, options) {
    this.file = resolve(options.file);
  }

  onRunComplete(_contexts, results) {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(
      this.file,
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
        skipped: results.numPendingTests,
      }),
    );
  }
}

module.exports = SummaryReporter;
