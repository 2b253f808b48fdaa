import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../kernel/config/clock.js';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { DomainError } from '../../kernel/http/domain-error.js';
import { AuthAlerts, type ThrottledSecret } from './auth-alerts.js';

/**
 * One throttle for every check of a secret (docs/security-model.md, throttling): sign-in, step-up,
 * break-glass and the password change guess a password; sign-in and step-up codes guess a second
 * factor; the name search guesses who is in the file. Each rule counts in `throttle_bucket`, in
 * PostgreSQL, so the limits hold across several API processes and restarts.
 *
 * Why not `@nestjs/throttler` with a storage adapter: its guard counts every request before the body is
 * read, by a key it derives from the request, with one fixed limit and block per route. These checks
 * count failed guesses only (a right answer refunds its charge), keyed by what the body names (the
 * account) together with the address, with an exponential back-off, an alert instead of a lock, and
 * limits shared across routes (a password guessed through step-up and through break-glass is one
 * password). That is this small table and a few SQL upserts.
 *
 * An attempt is charged before the secret is checked and refunded when it was right, so parallel
 * guesses cannot all slip past a check that has not yet seen the others fail; once throttled, the
 * answer is the same 429 whether the guess would have been right or wrong (it is never checked).
 */
interface BackoffRule {
  mode: 'backoff';
  /** Failures that pass free; from this one on, the next attempt waits `base · 2^(failures − free)`. */
  free: number;
  baseMillis: number;
  maxMillis: number;
  /** A counter with no hit for this long starts again from zero. */
  forgetAfterMillis: number;
  /** On success: forget every failure (`reset`) or only the charge of this attempt (`refund`). */
  onSuccess: 'reset' | 'refund';
  /** Tell the organization's admins when the failures reach this many (once per `forgetAfterMillis`). */
  alertAt?: number;
}

interface CountRule {
  /** Never blocks: counts failures across every address, to tell the admins (a per-account cap). */
  mode: 'count';
  forgetAfterMillis: number;
  alertAt: number;
  onSuccess: 'refund';
}

interface RateRule {
  /** At most `limit` attempts, right or wrong, in a fixed window from the first one. */
  mode: 'rate';
  limit: number;
  windowMillis: number;
}

type Rule = BackoffRule | CountRule | RateRule;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const THROTTLE_RULES = {
  /** One account guessed from one address: 5 free, then 1, 2, 4 … minutes, at most an hour. */
  'password:pair': { mode: 'backoff', free: 5, baseMillis: MINUTE, maxMillis: HOUR, forgetAfterMillis: HOUR, onSuccess: 'reset' },
  /** One address guessing across accounts (sign-in only: a signed-in caller is already one account). */
  'password:address': { mode: 'backoff', free: 10, baseMillis: MINUTE, maxMillis: HOUR, forgetAfterMillis: HOUR, onSuccess: 'refund' },
  /**
   * One account from every address: never a lock (anyone could lock a person out with it), but 20
   * failures in an hour tell the organization's admins.
   */
  'password:account': { mode: 'count', forgetAfterMillis: HOUR, alertAt: 20, onSuccess: 'refund' },
  /**
   * Second factors, per account from every address: only someone who knows the password gets this far,
   * so this is the one counter across addresses that blocks (5 wrong codes, then 15, 30 … minutes),
   * and its first block tells the admins that someone else holds the password.
   */
  'second-factor:account': {
    mode: 'backoff',
    free: 5,
    baseMillis: 15 * MINUTE,
    maxMillis: 4 * HOUR,
    forgetAfterMillis: 4 * HOUR,
    onSuccess: 'reset',
    alertAt: 5,
  },
  /** Name searches: 10 a minute per user. */
  'search:user': { mode: 'rate', limit: 10, windowMillis: MINUTE },
  /**
   * "Forgot password" (issue 14): 5 requests per quarter hour from one address, 3 an hour for one typed
   * address (whether or not it has an account, so the limit tells nothing), against mail bombing.
   */
  'reset:address': { mode: 'rate', limit: 5, windowMillis: 15 * MINUTE },
  'reset:account': { mode: 'rate', limit: 3, windowMillis: HOUR },
  /** Private calendar feeds (features/appointments): 60 fetches a minute per client address, known token or not. */
  'calendar-feed:address': { mode: 'rate', limit: 60, windowMillis: MINUTE },
} as const satisfies Record<string, Rule>;

export type ThrottleRuleName = keyof typeof THROTTLE_RULES;

/** What one check of a secret names: whose secret, from where, and who is told about repeated failures. */
export interface SecretCheck {
  secret: ThrottledSecret;
  /** The account as typed at sign-in, or the signed-in user's e-mail: both count against one account. */
  account: string;
  /** The client address; when unknown, the session stands in for it (never one shared bucket). */
  ip: string | null;
  sessionId?: string | null;
  /** Sign-in: also count the address across accounts. */
  signIn?: boolean;
}

interface ChargedBucket {
  key: string;
  rule: ThrottleRuleName;
}

/** An attempt that was let through and charged: settle it with `succeeded` or `failed`. */
export interface ThrottledAttempt {
  buckets: ChargedBucket[];
}

const throttledError = (waitMillis: number): DomainError =>
  new DomainError('AUTH_THROTTLED', undefined, undefined, { 'Retry-After': String(retryAfterSeconds(waitMillis)) });

export const retryAfterSeconds = (waitMillis: number): number => Math.max(1, Math.ceil(waitMillis / 1000));

/** Rows not hit for a day are deleted now and then (every `SWEEP_EVERY` charges of a process). */
const SWEEP_EVERY = 500;
const FORGET_ROWS_AFTER_MILLIS = 24 * HOUR;

@Injectable()
export class SecretThrottle {
  private charges = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly blindIndex: BlindIndex,
    private readonly alerts: AuthAlerts,
  ) {}

  /** The counters one check of a secret charges. */
  bucketsFor(check: SecretCheck): ChargedBucket[] {
    const account = check.account.trim().toLowerCase();
    // Never one bucket for every caller whose address is unknown: the session, else the account alone.
    const source = check.ip ? `ip:${check.ip}` : check.sessionId ? `session:${check.sessionId}` : 'none';
    const bucket = (rule: ThrottleRuleName, ...parts: string[]): ChargedBucket => ({
      rule,
      key: this.blindIndex.keyed(`throttle:${rule}`, parts.join('\u0000')),
    });
    if (check.secret === 'second-factor') return [bucket('second-factor:account', account)];
    const buckets = [bucket('password:pair', account, source), bucket('password:account', account)];
    if (check.signIn && check.ip) buckets.push(bucket('password:address', check.ip));
    return buckets;
  }

  /**
   * Lets a check of a secret go ahead and charges it, or refuses it with 429 and `Retry-After`
   * (`AUTH_THROTTLED`, or the error `refuse` makes) without looking at the secret.
   */
  async begin(check: SecretCheck, refuse: (waitMillis: number) => DomainError = throttledError): Promise<ThrottledAttempt> {
    return this.charge(this.bucketsFor(check), refuse);
  }

  /** Counts one use of a rate-limited action (`search:user`) by `subject`, or refuses it. */
  async hit(rule: ThrottleRuleName, subject: string, refuse: (waitMillis: number) => DomainError): Promise<void> {
    await this.charge([{ rule, key: this.blindIndex.keyed(`throttle:${rule}`, subject) }], refuse);
  }

  private async charge(buckets: ChargedBucket[], refuse: (waitMillis: number) => DomainError): Promise<ThrottledAttempt> {
    const now = this.clock.now();
    const wait = await this.dataSource.transaction(async (manager) => {
      // Locks the counters that exist, so two attempts at once are counted one after the other.
      const rows = (await manager.query(
        `SELECT bucket_key, rule, hits, window_started_at, last_hit_at, blocked_until
           FROM throttle_bucket WHERE bucket_key = ANY($1) ORDER BY bucket_key FOR UPDATE`,
        [buckets.map((b) => b.key)],
      )) as { bucket_key: string; rule: string; hits: number; window_started_at: Date; last_hit_at: Date; blocked_until: Date | null }[];
      let longest = 0;
      for (const row of rows) {
        const rule: Rule = THROTTLE_RULES[row.rule as ThrottleRuleName];
        if (!rule) continue;
        if (rule.mode === 'rate') {
          const windowEnd = new Date(row.window_started_at).getTime() + rule.windowMillis;
          if (row.hits >= rule.limit && windowEnd > now.getTime()) longest = Math.max(longest, windowEnd - now.getTime());
        } else if (row.blocked_until) {
          longest = Math.max(longest, new Date(row.blocked_until).getTime() - now.getTime());
        }
      }
      if (longest > 0) return longest;
      for (const bucket of buckets) await this.chargeOne(manager, bucket, now);
      return 0;
    });
    if (wait > 0) throw refuse(wait);
    if (++this.charges % SWEEP_EVERY === 0) await this.forgetOldRows();
    return { buckets };
  }

  private async chargeOne(manager: EntityManager, bucket: ChargedBucket, now: Date): Promise<void> {
    const rule: Rule = THROTTLE_RULES[bucket.rule];
    // A rate window restarts from its first hit; the other counters are forgotten after a quiet spell.
    const restartColumn = rule.mode === 'rate' ? 'window_started_at' : 'last_hit_at';
    const restartBefore = new Date(now.getTime() - (rule.mode === 'rate' ? rule.windowMillis : rule.forgetAfterMillis));
    const [row] = (await manager.query(
      `INSERT INTO throttle_bucket (bucket_key, rule, hits, window_started_at, last_hit_at)
       VALUES ($1, $2, 1, $3, $3)
       ON CONFLICT (bucket_key) DO UPDATE SET
         hits = CASE WHEN throttle_bucket.${restartColumn} <= $4 THEN 1 ELSE throttle_bucket.hits + 1 END,
         window_started_at = CASE WHEN throttle_bucket.${restartColumn} <= $4 THEN $3 ELSE throttle_bucket.window_started_at END,
         blocked_until = CASE WHEN throttle_bucket.${restartColumn} <= $4 THEN NULL ELSE throttle_bucket.blocked_until END,
         last_hit_at = $3,
         updated_at = $3
       RETURNING hits`,
      [bucket.key, bucket.rule, now, restartBefore],
    )) as { hits: number }[];
    if (rule.mode !== 'backoff' || !row || row.hits < rule.free) return;
    // Exponential back-off: the wait doubles with every failure past the free ones.
    const wait = Math.min(rule.baseMillis * 2 ** Math.min(row.hits - rule.free, 30), rule.maxMillis);
    await manager.query('UPDATE throttle_bucket SET blocked_until = $2 WHERE bucket_key = $1', [bucket.key, new Date(now.getTime() + wait)]);
  }

  /** The secret was right: its failures are forgiven (or this attempt's charge given back). */
  async succeeded(manager: EntityManager, attempt: ThrottledAttempt): Promise<void> {
    for (const bucket of attempt.buckets) {
      const rule: Rule = THROTTLE_RULES[bucket.rule];
      if (rule.mode === 'rate') continue;
      if (rule.onSuccess === 'reset') {
        await manager.query('UPDATE throttle_bucket SET hits = 0, blocked_until = NULL WHERE bucket_key = $1', [bucket.key]);
      } else {
        // A counter that never blocks has nothing to lift.
        const free = rule.mode === 'backoff' ? rule.free : 0;
        await manager.query(
          `UPDATE throttle_bucket SET hits = GREATEST(hits - 1, 0),
             blocked_until = CASE WHEN hits - 1 < $2 THEN NULL ELSE blocked_until END
           WHERE bucket_key = $1`,
          [bucket.key, free],
        );
      }
    }
  }

  /**
   * The secret was wrong (already counted by `begin`): when an account's failures reach their rule's
   * alert, tells its organization's admins, once per window, in the caller's transaction.
   */
  async failed(
    manager: EntityManager,
    attempt: ThrottledAttempt,
    user: { id: string; organizationId: string } | null,
    secret: ThrottledSecret,
  ): Promise<void> {
    if (!user) return;
    const now = this.clock.now();
    for (const bucket of attempt.buckets) {
      const rule: Rule = THROTTLE_RULES[bucket.rule];
      if (rule.mode === 'rate' || rule.alertAt === undefined) continue;
      // TypeORM answers an UPDATE with [rows, affected].
      const [, alerted] = (await manager.query(
        `UPDATE throttle_bucket SET alerted_at = $2
          WHERE bucket_key = $1 AND hits >= $3 AND (alerted_at IS NULL OR alerted_at <= $4)`,
        [bucket.key, now, rule.alertAt, new Date(now.getTime() - rule.forgetAfterMillis)],
      )) as [unknown, number];
      if (alerted > 0) await this.alerts.repeatedFailures(manager, user, secret);
    }
  }

  /**
   * Tells whether an alert keyed by `subject` is due (not given in the last `windowMillis`) and, if it
   * is, notes it as given, in the caller's transaction.
   */
  async alertDue(manager: EntityManager, purpose: string, subject: string, windowMillis: number): Promise<boolean> {
    const now = this.clock.now();
    const key = this.blindIndex.keyed(`throttle-alert:${purpose}`, subject);
    const rows = (await manager.query(
      `INSERT INTO throttle_bucket (bucket_key, rule, hits, window_started_at, last_hit_at, alerted_at)
       VALUES ($1, $2, 0, $3, $3, $3)
       ON CONFLICT (bucket_key) DO UPDATE SET alerted_at = $3, last_hit_at = $3
         WHERE throttle_bucket.alerted_at IS NULL OR throttle_bucket.alerted_at <= $4
       RETURNING 1 AS due`,
      [key, `alert:${purpose}`.slice(0, 32), now, new Date(now.getTime() - windowMillis)],
    )) as unknown[];
    return rows.length > 0;
  }

  private async forgetOldRows(): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.query(
      'DELETE FROM throttle_bucket WHERE last_hit_at < $1 AND (blocked_until IS NULL OR blocked_until < $2)',
      [new Date(now.getTime() - FORGET_ROWS_AFTER_MILLIS), now],
    );
  }
}
