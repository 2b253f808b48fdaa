const { appendFileSync } = require('node:fs');

/**
 * With LANTERN_SETUP_TIMES=<file>, appends one JSON line per `beforeAll` of a test file: its path, how
 * long the hook took and whether it passed (docs/architecture.md, "Test databases"). Off otherwise.
 */
const file = process.env.LANTERN_SETUP_TIMES;
if (file) {
  const beforeAll = globalThis.beforeAll;
  globalThis.beforeAll = (fn, timeout) => {
    // A hook that takes jest's `done` callback is left as it is.
    if (fn.length > 0) return beforeAll(fn, timeout);
    return beforeAll(async function timed() {
      const started = performance.now();
      let ok = false;
      try {
        const result = await fn.call(this);
        ok = true;
        return result;
      } finally {
        appendFileSync(file, `${JSON.stringify({ path: expect.getState().testPath, ms: Math.round(performance.now() - started), ok })}\n`);
      }
    }, timeout);
  };
}
