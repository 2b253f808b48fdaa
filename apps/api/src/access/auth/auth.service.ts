import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MeResponse, Role, SessionResponse, UpdateMeBody } from '@lantern/contracts';
import { encodeRules, type AppRawRule } from '@lantern/permissions';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { DomainError, badRequest, notFound } from '../../kernel/http/domain-error.js';
import { requestContext, type Actor } from '../../kernel/http/request-context.js';
import { AbilityFactory } from '../authz/ability.factory.js';
import { User } from './user.entity.js';
import { SecretThrottle, type SecretCheck, type ThrottledAttempt } from './secret-throttle.service.js';
import { passwordProblem } from './password-policy.js';
import { PasswordService } from './password.service.js';
import { SecondFactorService } from './second-factor.service.js';
import { Session } from './session.entity.js';
import { SESSION_LIMITS, SessionService } from './session.service.js';
import { userProfile } from './user-profile.js';

export interface LoginInput {
  email: string;
  password: string;
  totp?: string | undefined;
  recoveryCode?: string | undefined;
  ip: string | null;
  userAgent: string | null;
}

const INVALID = () => new DomainError('AUTH_INVALID_CREDENTIALS');

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly passwords: PasswordService,
    private readonly throttle: SecretThrottle,
    private readonly sessions: SessionService,
    private readonly secondFactor: SecondFactorService,
    private readonly audit: AuditService,
    private readonly abilities: AbilityFactory,
  ) {}

  /**
   * Partner staff sign in only while their organization is active (issue 11): deactivating a partner
   * organization ends its staff's sessions (SessionService.revokeAllForPartnerOrg) and, here, refuses
   * their next sign-in. Asked only once the password and second factor were right, so the answer tells
   * nothing to someone who does not hold the account; audited as a denial.
   */
  private async refuseIfPartnerOrgPaused(user: User): Promise<void> {
    if (!user.partnerOrgId) return;
    const rows: { active: boolean }[] = await this.dataSource.query('SELECT active FROM partner_org WHERE id = $1', [user.partnerOrgId]);
    if (rows[0]?.active) return;
    await this.audit.recordAlone({
      action: 'login_failed',
      outcome: 'denied',
      subjectType: 'User',
      subjectId: user.id,
      reason: 'partner organization inactive',
      actor: null,
      organizationId: user.organizationId,
    });
    throw new DomainError('AUTH_ORGANIZATION_PAUSED');
  }

  /**
   * Checks a sign-in and, when it holds, opens a session. The answer for an unknown name and for a
   * wrong password is the same, and takes the same time (a hash is verified either way).
   */
  async login(input: LoginInput): Promise<{ token: string; user: User; session: Session }> {
    const email = input.email.trim().toLowerCase();
    const check: SecretCheck = { secret: 'password', account: email, ip: input.ip, signIn: true };

    let attempt: ThrottledAttempt;
    try {
      attempt = await this.throttle.begin(check);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'AUTH_THROTTLED') {
        await this.audit.recordAlone({ action: 'login_failed', outcome: 'denied', reason: 'throttled', actor: null, organizationId: null });
      }
      throw error;
    }

    const user = await this.dataSource.manager.findOne(User, { where: { email } });
    const passwordOk =
      user && user.active
        ? await this.passwords.verify(user.passwordHash, input.password)
        : await this.passwords.verifyAgainstNothing(input.password);

    if (!user || !user.active || !passwordOk) {
      await this.dataSource.transaction(async (manager) => {
        await this.throttle.failed(manager, attempt, user?.active ? user : null, 'password');
        await this.audit.record(manager, {
          action: 'login_failed',
          outcome: 'failure',
          subjectType: user ? 'User' : null,
          subjectId: user?.id ?? null,
          reason: 'bad credentials',
          actor: null,
          organizationId: user?.organizationId ?? null,
        });
      });
      throw INVALID();
    }

    // The password was right: its failures are forgiven whatever the second factor turns out to be.
    await this.dataSource.transaction((manager) => this.throttle.succeeded(manager, attempt));
    if (user.mfaEnabled) await this.checkSecondFactor(user, { ...check, secret: 'second-factor' }, input);
    await this.refuseIfPartnerOrgPaused(user);

    const mfaEnrolmentRequired = this.secondFactorRequired(user.role) && !user.mfaEnabled;
    return this.dataSource.transaction(async (manager) => {
      const { token, session } = await this.sessions.create(manager, user, {
        ip: input.ip,
        userAgent: input.userAgent,
        mfaEnrolmentRequired,
      });
      // Bookkeeping, not an edit: written without bumping `version`, so signing in never makes an
      // administrator's open edit of this user stale.
      await manager.query('UPDATE app_user SET last_login_at = $1 WHERE id = $2', [this.clock.now(), user.id]);
      await this.audit.record(manager, {
        action: 'login',
        subjectType: 'User',
        subjectId: user.id,
        actor: user,
        organizationId: user.organizationId,
      });
      return { token, user, session };
    });
  }

  /**
   * Whether a role must have a second factor: admins, except in demo mode. An admin without one may
   * only enrol one (the session says so at sign-in), and may not turn theirs off (mfa-enrolment.service.ts).
   */
  secondFactorRequired(role: Role): boolean {
    return role === 'admin' && !this.config.demo;
  }

  private async checkSecondFactor(user: User, check: SecretCheck, input: LoginInput): Promise<void> {
    if (!input.totp && !input.recoveryCode) {
      throw new DomainError('AUTH_MFA_REQUIRED', undefined, {
        totp: ['is required for this account'],
      });
    }
    // TOTP and recovery codes count against one second-factor throttle.
    const attempt = await this.throttle.begin(check);
    const ok = await this.dataSource.transaction(async (manager) => {
      const passed = input.totp
        ? await this.secondFactor.consumeTotp(manager, user, input.totp)
        : await this.secondFactor.consumeRecoveryCode(manager, user, input.recoveryCode!);
      if (passed) await this.throttle.succeeded(manager, attempt);
      else await this.throttle.failed(manager, attempt, user, 'second-factor');
      if (!passed) {
        await this.audit.record(manager, {
          action: 'login_failed',
          outcome: 'failure',
          subjectType: 'User',
          subjectId: user.id,
          reason: 'bad second factor',
          actor: null,
          organizationId: user.organizationId,
        });
      }
      return passed;
    });
    if (!ok) throw new DomainError('AUTH_MFA_INVALID');
  }

  async logout(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.revoke(manager, actor.sessionId);
      await this.audit.record(manager, { action: 'logout', subjectType: 'User', subjectId: actor.id });
    });
  }

  async me(actor: Actor): Promise<MeResponse> {
    const user = await this.dataSource.manager.findOneOrFail(User, { where: { id: actor.id } });
    const session = await this.dataSource.manager.findOneOrFail(Session, { where: { id: actor.sessionId } });
    return {
      user: { ...userProfile(user), locale: user.locale },
      rules: encodeRules(await this.rulesFor(actor), user),
      mfaEnabled: user.mfaEnabled,
      mfaEnrolmentRequired: session.mfaEnrolmentRequired,
      idleTimeoutSeconds: SESSION_LIMITS.idleMillis / 1000,
      absoluteExpiresAt: session.expiresAt.toISOString(),
      demo: this.config.demo,
    };
  }

  /** The role's rules: ties by relation, never per-record ids, so their size does not grow with the caseload. */
  private async rulesFor(actor: Actor): Promise<AppRawRule[]> {
    const ability = requestContext.get()?.ability;
    if (ability && requestContext.get()?.actor?.id === actor.id) return ability.rules as AppRawRule[];
    return this.abilities.rules(actor);
  }

  /** Fresh proof of identity for sensitive actions; rotates the session id. Returns the new token. */
  async stepUp(actor: Actor, proof: { password?: string | undefined; totp?: string | undefined }): Promise<string> {
    const user = await this.dataSource.manager.findOneOrFail(User, { where: { id: actor.id } });
    if (!proof.password && !proof.totp) throw badRequest('password', 'or totp is required');
    const secret = proof.totp ? 'second-factor' : 'password';
    const attempt = await this.throttle.begin(this.secretCheck(actor, user, secret));
    // The password is verified outside the transaction: the embedded database has one connection.
    const passwordOk = proof.totp ? false : await this.passwords.verify(user.passwordHash, proof.password!);
    return this.dataSource.transaction(async (manager) => {
      const ok = proof.totp ? user.mfaEnabled && (await this.secondFactor.consumeTotp(manager, user, proof.totp)) : passwordOk;
      if (ok) await this.throttle.succeeded(manager, attempt);
      else await this.throttle.failed(manager, attempt, user, secret);
      if (!ok) {
        await this.audit.record(manager, { action: 'step_up', outcome: 'failure', subjectType: 'User', subjectId: user.id });
        return null;
      }
      const session = await manager.findOneOrFail(Session, { where: { id: actor.sessionId } });
      const token = await this.sessions.stepUp(manager, session);
      await this.audit.record(manager, { action: 'step_up', subjectType: 'User', subjectId: user.id });
      return token;
    }).then((token) => {
      // 400, not 401: a typo here must not look like an ended session to the client.
      if (!token) {
        throw new DomainError('AUTH_STEP_UP_FAILED', undefined, {
          [proof.totp ? 'totp' : 'password']: ['is not correct'],
        });
      }
      return token;
    });
  }

  /** The throttle of a signed-in person's secret: their account, from this request's address. */
  private secretCheck(actor: Actor, user: Pick<User, 'email'>, secret: SecretCheck['secret']): SecretCheck {
    return { secret, account: user.email, ip: requestContext.get()?.ip ?? null, sessionId: actor.sessionId };
  }

  /**
   * Checks a signed-in person's password for an action that asks for it again (break-glass, the
   * password change), through the one throttle of every secret check: 429 once throttled, whatever
   * the password. Returns whether it was right.
   */
  async verifyOwnPassword(actor: Actor, password: string): Promise<boolean> {
    const user = await this.dataSource.manager.findOneOrFail(User, { where: { id: actor.id } });
    const attempt = await this.throttle.begin(this.secretCheck(actor, user, 'password'));
    const ok = await this.passwords.verify(user.passwordHash, password);
    await this.dataSource.transaction(async (manager) => {
      if (ok) await this.throttle.succeeded(manager, attempt);
      else await this.throttle.failed(manager, attempt, user, 'password');
    });
    return ok;
  }

  requireStepUp(actor: Actor): void {
    if (!this.sessions.hasFreshStepUp(actor.stepUpAt)) {
      throw new DomainError('AUTH_STEP_UP_REQUIRED');
    }
  }

  async changePassword(actor: Actor, current: string, next: string, endOthers: boolean): Promise<void> {
    const user = await this.dataSource.manager.findOneOrFail(User, { where: { id: actor.id } });
    if (!(await this.verifyOwnPassword(actor, current))) {
      throw new DomainError('CURRENT_PASSWORD_INCORRECT', undefined, {
        currentPassword: ['is not correct'],
      });
    }
    const organizationNames = await this.organizationNames(user.organizationId);
    const problem = await passwordProblem(next, { organizationNames, email: user.email });
    if (problem) throw badRequest('newPassword', problem);
    const passwordHash = await this.passwords.hash(next);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash, passwordChangedAt: this.clock.now() });
      if (endOthers) await this.sessions.revokeAllForUser(manager, user.id, actor.sessionId);
      await this.audit.record(manager, {
        action: 'password_change',
        subjectType: 'User',
        subjectId: user.id,
        fields: ['password'],
      });
    });
  }

  /** A person's own settings (today the interface language), audited like any change to a user. */
  async updateMe(actor: Actor, changes: UpdateMeBody): Promise<MeResponse> {
    if (changes.locale !== undefined) {
      const locale = changes.locale;
      await this.dataSource.transaction(async (manager) => {
        await manager.update(User, { id: actor.id }, { locale });
        await this.audit.record(manager, { action: 'update', subjectType: 'User', subjectId: actor.id, fields: ['locale'] });
      });
    }
    return this.me(actor);
  }

  async organizationNames(organizationId: string): Promise<string[]> {
    const rows = (await this.dataSource.query('SELECT name, slug FROM organization WHERE id = $1', [organizationId])) as {
      name: string;
      slug: string;
    }[];
    return rows.flatMap((r) => [r.name, r.slug]);
  }

  async listSessions(actor: Actor): Promise<SessionResponse[]> {
    const sessions = await this.sessions.listActive(this.dataSource.manager, actor.id);
    return sessions.map((s) => ({
      id: s.id,
      current: s.id === actor.sessionId,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      userAgent: s.userAgent,
    }));
  }

  async endSession(actor: Actor, sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const session = await manager.findOne(Session, { where: { id: sessionId, userId: actor.id, revokedAt: IsNull() } });
      if (!session) throw notFound('Session');
      await this.sessions.revoke(manager, session.id);
      await this.audit.record(manager, { action: 'session_revoke', subjectType: 'Session', subjectId: session.id });
    });
  }
}
