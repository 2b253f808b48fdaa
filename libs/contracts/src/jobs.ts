/** One durable job as an admin sees it (GET /api/v1/jobs, issue 14). Times are ISO 8601, UTC. */
export interface JobSummaryResponse {
  name: string;
  /** Cron (5 fields, UTC), or null for a job that runs when queued. */
  schedule: string | null;
  lastRunAt: string | null;
  /** created | retry | active | completed | cancelled | failed */
  lastState: string | null;
  /** A short code or error class (never SQL or record data). */
  lastError: string | null;
  nextRunAt: string | null;
  failures24h: number;
  running: boolean;
}

export interface JobRunResponse {
  name: string;
  id: string;
}
