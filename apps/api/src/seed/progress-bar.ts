/**
 * A one-line progress bar for long commands, on stderr so stdout stays clean for results:
 * `[#####.....] 45,000/100,000 cases  1,234/s  ETA 0:45`, redrawn in place on a terminal and printed
 * every tenth of the way otherwise (logs of CI runs).
 */

const group = (n: number) => Math.round(n).toLocaleString('en-US');

/** `0:45`, `12:03`, `1:02:03`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatProgress(done: number, total: number, elapsedSeconds: number, unit = 'cases', width = 30): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  const eta = rate > 0 ? formatDuration((total - done) / rate) : '?';
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${group(done)}/${group(total)} ${unit}  ${group(rate)}/s  ETA ${eta}`;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export class ProgressBar {
  private readonly started = performance.now();
  private lastDraw = 0;
  private lastTenth = 0;

  constructor(
    private readonly total: number,
    private readonly unit = 'cases',
    private readonly stream: ProgressStream = process.stderr,
  ) {}

  update(done: number): void {
    const elapsed = (performance.now() - this.started) / 1000;
    if (this.stream.isTTY) {
      // At most ten redraws a second, and always the last one.
      if (done < this.total && elapsed - this.lastDraw < 0.1) return;
      this.lastDraw = elapsed;
      this.stream.write(`\r${formatProgress(done, this.total, elapsed, this.unit)}\x1b[K`);
    } else {
      const tenth = Math.floor((done / Math.max(1, this.total)) * 10);
      if (tenth === this.lastTenth) return;
      this.lastTenth = tenth;
      this.stream.write(`${formatProgress(done, this.total, elapsed, this.unit)}\n`);
    }
  }

  /** Ends the line of a redrawn bar. */
  finish(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
