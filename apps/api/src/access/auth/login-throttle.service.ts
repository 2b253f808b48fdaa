import { Injectable } from '@nestjs/common';
import { MoreThan, type EntityManager } from 'typeorm';
import { Clock } from '../../kernel/config/clock.js';
import { sha256Hex } from '../../kernel/crypto/hashing.js';
import { LoginAttempt } from './login-attempt.entity.js';

/** docs/security-model.md, login abuse. */
export const THROTTLE = {
  perMinute: 5,
  softLockAfter: 10,
  softLockMillis: 15 * 60_000,
  perHour: 100,
  totpTries: 5,
} as const;

export interface ThrottleKeys {
  accountKey: string;
  ipKey: string;
}

export function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  return { accountKey: sha256Hex(`account:${email}`), ipKey: sha256Hex(`ip:${ip ?? 'unknown'}`) };
}

/**
 * Decides whether a sign-in attempt may be evaluated at all. Keyed by the login name as typed (not the
 * account), so the answer is the same for names that exist and names that do not. No lockout is
 * permanent: every limit is a window that passes.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly clock: Clock) {}

  /** Milliseconds to wait before the next attempt, or 0 when it may be evaluated now. */
  async retryAfter(manager: EntityManager, keys: ThrottleKeys, kind: 'password' | 'totp' = 'password'): Promise<number> {
    const now = this.clock.now().getTime();
    const repo = manager.getRepository(LoginAttempt);
    const waits: number[] = [0];

    if (kind === 'totp') {
      // At most 5 wrong codes per 15 minutes for one account, then wait.
      const recent = await repo.find({
        where: { accountKey: keys.accountKey, kind: 'totp', attemptedAt: MoreThan(new Date(now - THROTTLE.softLockMillis)) },
        order: { attemptedAt: 'DESC' },
        take: THROTTLE.totpTries,
      });
      const failures = takeWhileFailed(recent);
      if (failures.length >= THROTTLE.totpTries) waits.push(failures[failures.length - 1]!.attemptedAt.getTime() + THROTTLE.softLockMillis - now);
      return Math.max(...waits);
    }

    const hour = await repo.find({
      where: { accountKey: keys.accountKey, kind: 'password', attemptedAt: MoreThan(new Date(now - 3_600_000)) },
      order: { attemptedAt: 'DESC' },
    });
    // Never more than 100 evaluated per account per hour.
    if (hour.length >= THROTTLE.perHour) waits.push(hour[THROTTLE.perHour - 1]!.attemptedAt.getTime() + 3_600_000 - now);
    // 5 failures a minute per login name.
    const minute = hour.filter((a) => !a.success && a.attemptedAt.getTime() > now - 60_000);
    if (minute.length >= THROTTLE.perMinute) waits.push(minute[THROTTLE.perMinute - 1]!.attemptedAt.getTime() + 60_000 - now);
    // Soft lock: 10 consecutive failures lock the name for 15 minutes after the last one.
    const consecutive = takeWhileFailed(hour);
    if (consecutive.length >= THROTTLE.softLockAfter) waits.push(consecutive[0]!.attemptedAt.getTime() + THROTTLE.softLockMillis - now);
    // 5 failures a minute per client address.
    const byIp = await repo.find({
      where: { ipKey: keys.ipKey, kind: 'password', success: false, attemptedAt: MoreThan(new Date(now - 60_000)) },
      order: { attemptedAt: 'DESC' },
      take: THROTTLE.perMinute,
    });
    if (byIp.length >= THROTTLE.perMinute) waits.push(byIp[THROTTLE.perMinute - 1]!.attemptedAt.getTime() + 60_000 - now);
    return Math.max(...waits);
  }

  async record(manager: EntityManager, keys: ThrottleKeys, kind: 'password' | 'totp', success: boolean): Promise<void> {
    await manager.insert(LoginAttempt, { ...keys, kind, success, attemptedAt: this.clock.now() });
  }
}

function takeWhileFailed(newestFirst: LoginAttempt[]): LoginAttempt[] {
  const out: LoginAttempt[] = [];
  for (const attempt of newestFirst) {
    if (attempt.success) break;
    out.push(attempt);
  }
  return out;
}
