/**
 * Runs `run` with queries allowed to queue on a busy database client, which the tests otherwise refuse
 * (apps/api/test/one-query-at-a-time.cjs): for code that does so on purpose or outside Lantern's hands.
 */
export async function allowingQueuedQueries<T>(run: () => Promise<T>): Promise<T> {
  const flags = globalThis as { queuedQueriesAllowed?: boolean };
  flags.queuedQueriesAllowed = true;
  try {
    return await run();
  } finally {
    flags.queuedQueriesAllowed = false;
  }
}
