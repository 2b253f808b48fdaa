// The protection of one metrics release, on a thread of its own (started by protect-in-worker.ts).
// protectTables proves its suppression with an exact branch-and-bound simplex in BigInt arithmetic:
// one to two seconds for a year at 10,000 cases, during which the API's event loop would answer
// nobody. Plain JavaScript on purpose: a worker runs outside TypeScript (under plain node from dist/,
// and beside jest, which does not compile worker threads); it needs only @lantern/anonymize, built.
//
// workerData: { exact, options (without noiseKey), noiseKey: Uint8Array | null, earlier, ledger, period }.
// Posts { tables, check, nice }, or throws (the parent sees 'error').
import { createHmac } from 'node:crypto';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { protectTables, selfCheck } from '@lantern/anonymize';

// The proof yields the machine's cores to the office. On Linux a nice value belongs to a thread, and
// `setPriority(0, …)` names the calling one: this thread runs at nice 10, the API's own threads (its
// event loop, the embedded database's) stay where they were. A release can wait a second more; a
// caseworker's page should not (docs/benchmarks.md, "The board's open referrals and the proof's
// priority"). Elsewhere (macOS) a nice value is the whole process's, so it is left alone there; where
// the system refuses, the proof runs as before.
if (process.platform === 'linux') {
  try {
    setPriority(0, Math.max(getPriority(0), 10));
  } catch {
    // Not permitted here: the proof runs at the thread's priority as it is.
  }
}
const { exact, options, noiseKey, earlier, ledger, period } = workerData;
const key = noiseKey ? Buffer.from(noiseKey) : null;
const tables = protectTables(exact, {
  ...options,
  earlier,
  ...(key ? { noiseKey: { hmac: (message) => new Uint8Array(createHmac('sha256', key).update(message).digest()) } } : {}),
});
const check = selfCheck({ period, tables }, earlier, ledger ?? undefined);
parentPort.postMessage({ tables, check, nice: getPriority(0) });
