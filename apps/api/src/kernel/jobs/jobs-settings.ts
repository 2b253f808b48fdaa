/**
 * How this process runs jobs (docs/operations.md, "Several API processes"):
 * - LANTERN_JOBS_WORKERS `on` | `off`: whether this process runs the scheduler and the workers. On by
 *   default, off under NODE_ENV=test (tests run queued work with `Jobs.drain()`). A process with workers
 *   off still queues jobs, which another process runs.
 * - LANTERN_JOBS_POLL_SECONDS: how often an idle worker asks for work (default 5 on a PostgreSQL server,
 *   10 on the embedded database, whose one session every poll shares).
 * - LANTERN_JOBS_PROBE_CRON: a test-only job (`jobs.probe`) on this schedule that only logs: used by the
 *   two-process test to count runs per tick. Refused in production.
 */
export interface JobsSettings {
  workers: boolean;
  pollingSeconds: number;
  cronMonitorSeconds: number;
  stopTimeoutMillis: number;
  probeCron: string | null;
}

export function jobsSettings(env: NodeJS.ProcessEnv, appEnv: 'production' | 'development' | 'test', embedded: boolean): JobsSettings {
  const workersVar = env.LANTERN_JOBS_WORKERS?.trim().toLowerCase();
  if (workersVar && workersVar !== 'on' && workersVar !== 'off') throw new Error('LANTERN_JOBS_WORKERS must be "on" or "off"');
  const pollVar = env.LANTERN_JOBS_POLL_SECONDS?.trim();
  const poll = pollVar ? Number(pollVar) : embedded ? 10 : 5;
  if (!Number.isInteger(poll) || poll < 1 || poll > 600) throw new Error('LANTERN_JOBS_POLL_SECONDS must be a whole number of seconds between 1 and 600');
  const probeCron = env.LANTERN_JOBS_PROBE_CRON?.trim() || null;
  if (probeCron && appEnv === 'production') throw new Error('LANTERN_JOBS_PROBE_CRON is for tests only; unset it in production');
  return {
    workers: workersVar ? workersVar === 'on' : appEnv !== 'test',
    pollingSeconds: poll,
    // How often each process checks whether a schedule is due; a tick is claimed by one process only.
    cronMonitorSeconds: Math.min(30, Math.max(1, poll)),
    stopTimeoutMillis: 20_000,
    probeCron,
  };
}
