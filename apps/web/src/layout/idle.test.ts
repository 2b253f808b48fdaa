import { describe, expect, it } from 'vitest';
import { formatCountdown, sessionDeadline } from './idle';

describe('the idle warning\'s clock', () => {
  const touched = Date.parse('2026-12-05T10:00:00Z');

  it('ends the session after the idle time since the server last saw the person', () => {
    expect(sessionDeadline(touched, 900, '2026-12-05T20:00:00Z')).toEqual({ at: touched + 900_000, absolute: false });
  });

  it('says when the absolute lifetime comes first, when staying signed in cannot help', () => {
    expect(sessionDeadline(touched, 900, '2026-12-05T10:05:00Z')).toEqual({ at: Date.parse('2026-12-05T10:05:00Z'), absolute: true });
  });

  it('ignores an unreadable lifetime rather than signing out at once', () => {
    expect(sessionDeadline(touched, 900, 'not a date').absolute).toBe(false);
  });

  it('counts down in minutes and seconds, never below zero', () => {
    expect(formatCountdown(125_000)).toBe('2:05');
    expect(formatCountdown(59_001)).toBe('1:00');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});
