import { formatDuration, formatProgress, ProgressBar } from './progress-bar.js';

describe('progress bar', () => {
  it('shows done/total, rate and time left', () => {
    expect(formatProgress(45_000, 100_000, 36.5, 'cases', 10)).toBe('[#####.....] 45,000/100,000 cases  1,233/s  ETA 0:45');
    expect(formatProgress(0, 10, 0, 'cases', 4)).toBe('[....] 0/10 cases  0/s  ETA ?');
    expect(formatDuration(3723)).toBe('1:02:03');
  });

  it('redraws in place on a terminal and prints every tenth otherwise', () => {
    const tty: string[] = [];
    const bar = new ProgressBar(100, 'cases', { isTTY: true, write: (s: string) => tty.push(s) });
    bar.update(100);
    bar.finish();
    expect(tty[0]).toMatch(/^\r\[#+\] 100\/100 cases/);
    expect(tty.at(-1)).toBe('\n');

    const log: string[] = [];
    const plain = new ProgressBar(100, 'cases', { write: (s: string) => log.push(s) });
    for (let i = 1; i <= 100; i++) plain.update(i);
    expect(log).toHaveLength(10);
    expect(log.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });
});
