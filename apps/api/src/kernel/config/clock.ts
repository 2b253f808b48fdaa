import { Injectable } from '@nestjs/common';

/** The time source of every rule that depends on time (sessions, throttling, expiries), so tests can move it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
