const { appendFileSync } = require('node:fs');
const { loadavg } = require('node:os');

/**
 * With LANTERN_SETUP_TIMES=<file>, appends one JSON line per run of a test file's `beforeAll` and
 * `beforeEach` hooks: the file, which hook, how long it took, whether it passed, and the machine's
 * one-minute load average when it ended (docs/architecture.md, "Test databases";
 * `node tools/setup-times.mjs <file>` sums them per file). It records, never fails: a timed assertion
 * fails on a loaded machine. Off otherwise.
 */
const file = process.env.LANTERN_SETUP_TIMES;
if (file) {
  for (const hook of ['beforeAll', 'beforeEach']) {
    const register = globalThis[hook];
    globalThis[hook] = (fn, timeout) => {
      // A hook that takes jest's `done` callback is left as it is.
      if (fn.length > 0) return register(fn, timeout);
      return register(async function timed() {
        const started = performance.now();
        let ok = false;
        try {
          const result = await fn.call(this);
          ok = true;
          return result;
        } finally {
          const line = { path: expect.getState().testPath, hook, ms: Math.round(performance.now() - started), ok, load: Number(loadavg()[0].toFixed(1)) };
          appendFileSync(file, `${JSON.stringify(line)}\n`);
        }
      }, timeout);
    };
  }
}
