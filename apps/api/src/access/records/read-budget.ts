/**
 * How many distinct survivor-file records each person read in a sliding window (default 500 in 10
 * minutes). Distinct records, not reads: a caseworker reopening her dashboard reads the same cases
 * again and spends nothing, while paging through the whole program spends one per record, which is
 * the bulk reading the budget is there to stop.
 *
 * Kept in the process's memory: Lantern runs one API process per install, the audit trail stays the
 * durable record of every read, and a restart forgets at most one window. With several API processes
 * each keeps its own count (docs/security-model.md).
 */
export class ReadBudget {
  /** Per person: record id → when it was last read, oldest first (a re-read moves it to the end). */
  private readonly reads = new Map<string, Map<string, number>>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private recent(userId: string, now: number): Map<string, number> | undefined {
    const entries = this.reads.get(userId);
    if (!entries) return undefined;
    const cutoff = now - this.windowMs;
    for (const [id, at] of entries) {
      if (at > cutoff) break;
      entries.delete(id);
    }
    if (entries.size === 0) this.reads.delete(userId);
    return entries.size === 0 ? undefined : entries;
  }

  used(userId: string, now: number): number {
    return this.recent(userId, now)?.size ?? 0;
  }

  /** Seconds until the oldest record read leaves the window (and one more may be read). */
  retryAfterSeconds(userId: string, now: number): number {
    const entries = this.recent(userId, now);
    const oldest = entries?.values().next().value;
    return oldest === undefined ? 1 : Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  record(userId: string, ids: readonly string[], now: number): void {
    if (ids.length === 0) return;
    const entries = this.recent(userId, now) ?? new Map<string, number>();
    for (const id of ids) {
      entries.delete(id);
      entries.set(id, now);
    }
    this.reads.set(userId, entries);
  }
}
