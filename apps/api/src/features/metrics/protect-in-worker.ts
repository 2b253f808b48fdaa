import { createHmac } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { protectTables, selfCheck, type ExactTable, type ProtectedTable, type PublishedRelease } from '@lantern/anonymize';

type ProtectOptions = Omit<Parameters<typeof protectTables>[1], 'earlier' | 'noiseKey'>;
type Ledger = Parameters<typeof selfCheck>[2];

export interface ProtectionInput {
  exact: ExactTable[];
  options: ProtectOptions;
  /** The organization's 32-byte noise key (noise mode), from which the worker builds its HMAC. */
  noiseKey: Uint8Array | null;
  earlier: PublishedRelease[];
  ledger: Ledger;
  period: string;
}

export interface ProtectionResult {
  tables: ProtectedTable[];
  check: ReturnType<typeof selfCheck>;
  /** The nice value the worker thread ran at (10 or more on Linux: protect-worker.mjs); none when the work ran in this process instead. */
  nice?: number;
}

/** The worker's file: beside this one in dist/ (tsconfig.app.json emits it) and in src/ under jest. */
const WORKER = new URL('./protect-worker.mjs', import.meta.url);

function inProcess(input: ProtectionInput): ProtectionResult {
  const key = input.noiseKey ? Buffer.from(input.noiseKey) : null;
  const tables = protectTables(input.exact, {
    ...input.options,
    earlier: input.earlier,
    ...(key ? { noiseKey: { hmac: (message: string) => new Uint8Array(createHmac('sha256', key).update(message).digest()) } } : {}),
  });
  return { tables, check: selfCheck({ period: input.period, tables }, input.earlier, input.ledger) };
}

/**
 * Protects a release's exact tables and runs its self-check on a worker thread, so the seconds the
 * exact suppression proof can take never stall the API's other requests (docs/metrics-method.md).
 * Where the worker cannot load the built library (a test run before any build), the same functions
 * run here instead: the result is identical, only the event loop waits.
 */
export function protectOffThread(input: ProtectionInput, onFallback?: (reason: string) => void): Promise<ProtectionResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(WORKER, { workerData: input });
    worker.once('message', (result: ProtectionResult) => {
      settled = true;
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (error: Error & { code?: string }) => {
      if (settled) return;
      settled = true;
      if (error.code === 'ERR_MODULE_NOT_FOUND') {
        onFallback?.('the built @lantern/anonymize is missing');
        try {
          resolve(inProcess(input));
        } catch (inner) {
          reject(inner as Error);
        }
      } else {
        reject(error);
      }
    });
    worker.once('exit', (code) => {
      if (!settled) {
        settled = true;
        reject(new Error(`the protection worker stopped with code ${code}`));
      }
    });
  });
}
