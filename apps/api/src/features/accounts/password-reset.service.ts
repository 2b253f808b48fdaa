import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { passwordProblem } from '../../access/auth/password-policy.js';
import { PasswordService } from '../../access/auth/password.service.js';
import { SecretThrottle } from '../../access/auth/secret-throttle.service.js';
import { SessionService } from '../../access/auth/session.service.js';
import { User } from '../../access/auth/user.entity.js';
import { Clock } from '../../kernel/config/clock.js';
import { randomToken, sha256Hex } from '../../kernel/crypto/hashing.js';
import { DomainError, badRequest } from '../../kernel/http/domain-error.js';
import { Mailer } from '../notifications/index.js';
import { PasswordReset } from './password-reset.entity.js';

/** How long a reset link works. */
export const RESET_MINUTES = 30;
/**
 * Every "forgot password" answer takes at least this long, so an address with an account (a token, a
 * mail queued) answers in the same time as one without.
 */
const ANSWER_FLOOR_MILLIS = 400;

const linkInvalid = () => new DomainError('LINK_INVALID');
const throttled = (waitMillis: number) =>
  new DomainError('AUTH_THROTTLED', undefined, undefined, { 'Retry-After': String(Math.max(1, Math.ceil(waitMillis / 1000))) });

/**
 * "Forgot password": a single-use link valid 30 minutes to the account's address. The request answers the
 * same (202, same body, same time) whether the address has an account or not; the reset revokes every
 * session and tells the person by mail. It does not turn off a second factor: signing in afterwards still
 * asks for it (an admin resets a lost one, features/users).
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly auth: AuthService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly throttle: SecretThrottle,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
  ) {}

  async request(rawEmail: string, ip: string | null): Promise<void> {
    const started = Date.now();
    const email = rawEmail.trim().toLowerCase();
    // Counted whether or not the address has an account, so the limit itself tells nothing.
    if (ip) await this.throttle.hit('reset:address', ip, throttled);
    await this.throttle.hit('reset:account', email, throttled);
    const user = await this.dataSource.manager.findOne(User, { where: { email, active: true } });
    if (user) {
      const token = randomToken();
      await this.dataSource.transaction(async (manager) => {
        // A newer link ends the older ones, and their mails if still waiting.
        const older = await manager.find(PasswordReset, { select: { id: true }, where: { userId: user.id, usedAt: IsNull() } });
        for (const o of older) await this.mailer.cancelAbout(manager, o.id);
        await manager.update(PasswordReset, { userId: user.id, usedAt: IsNull() }, { usedAt: this.clock.now() });
        const reset = await manager.save(
          manager.create(PasswordReset, {
            userId: user.id,
            organizationId: user.organizationId,
            tokenHash: sha256Hex(token),
            expiresAt: new Date(this.clock.now().getTime() + RESET_MINUTES * 60_000),
            usedAt: null,
          }),
        );
        await this.mailer.queue(manager, {
          organizationId: user.organizationId,
          userId: user.id,
          template: 'password_reset',
          locale: user.locale,
          referenceId: reset.id,
          expiresAt: reset.expiresAt,
          linkPath: `/#reset=${token}`,
          validFor: RESET_MINUTES,
        });
        await this.audit.record(manager, {
          action: 'password_reset_request',
          subjectType: 'User',
          subjectId: user.id,
          actor: null,
          organizationId: user.organizationId,
        });
      });
      this.mailer.kick();
    }
    const left = ANSWER_FLOOR_MILLIS - (Date.now() - started);
    if (left > 0) await sleep(left);
  }

  private async findLive(manager: EntityManager, token: string, lock: boolean): Promise<PasswordReset | null> {
    const qb = manager
      .getRepository(PasswordReset)
      .createQueryBuilder('r')
      .where('r.token_hash = :hash AND r.used_at IS NULL AND r.expires_at > :now', { hash: sha256Hex(token), now: this.clock.now() });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The reset page's first look: which account (its address), or 410 for a used or expired link. */
  async preview(token: string): Promise<{ email: string; expiresAt: string }> {
    const reset = await this.findLive(this.dataSource.manager, token, false);
    const user = reset ? await this.dataSource.manager.findOne(User, { where: { id: reset.userId, active: true } }) : null;
    if (!reset || !user) throw linkInvalid();
    return { email: user.email, expiresAt: reset.expiresAt.toISOString() };
  }

  async complete(token: string, password: string): Promise<void> {
    const first = await this.findLive(this.dataSource.manager, token, false);
    const user = first ? await this.dataSource.manager.findOne(User, { where: { id: first.userId, active: true } }) : null;
    if (!first || !user) throw linkInvalid();
    const problem = await passwordProblem(password, { organizationNames: await this.auth.organizationNames(user.organizationId), email: user.email });
    if (problem) throw badRequest('password', problem);
    const passwordHash = await this.passwords.hash(password);
    await this.dataSource.transaction(async (manager) => {
      const reset = await this.findLive(manager, token, true);
      if (!reset) throw linkInvalid();
      const now = this.clock.now();
      await manager.update(PasswordReset, { id: reset.id }, { usedAt: now });
      await manager
        .createQueryBuilder()
        .update(User)
        .set({ passwordHash, passwordChangedAt: now, version: () => 'version + 1' })
        .where('id = :id', { id: user.id })
        .execute();
      await this.sessions.revokeAllForUser(manager, user.id);
      await this.mailer.queue(manager, { organizationId: user.organizationId, userId: user.id, template: 'password_changed', locale: user.locale });
      await this.audit.record(manager, {
        action: 'password_reset',
        subjectType: 'User',
        subjectId: user.id,
        fields: ['password'],
        actor: { id: user.id, role: user.role, organizationId: user.organizationId },
      });
    });
    this.mailer.kick();
  }
}
