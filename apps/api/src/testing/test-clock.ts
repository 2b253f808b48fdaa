import { Clock } from '../kernel/config/clock.js';

/** A clock tests can move: the rules that depend on time (sessions, throttling) follow it. */
export class TestClock extends Clock {
  private offset = 0;

  override now(): Date {
    return new Date(Date.now() + this.offset);
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }
}
