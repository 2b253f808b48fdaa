import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply as Response } from 'fastify';
import { IsNull, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { randomToken, sha256Hex } from '../../kernel/crypto/hashing.js';
import type { User } from './user.entity.js';
import { Session } from './session.entity.js';

/** docs/security-model.md, session. */
export const SESSION_LIMITS = {
  idleMillis: 15 * 60_000,
  absoluteMillis: 12 * 3_600_000,
  stepUpMillis: 5 * 60_000,
  /** lastSeenAt is written at most this often, to spare the database a write on every request. */
  touchEveryMillis: 15_000,
} as const;

export interface ResolvedSession {
  session: Session;
  user: User;
}

@Injectable()
export class SessionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get cookieName(): string {
    // The __Host- prefix pins the cookie to this host and path; browsers accept it only with Secure.
    return this.config.secureCookies ? '__Host-lantern_sid' : 'lantern_sid';
  }

  setCookie(res: Response, token: string): void {
    void res.setCookie(this.cookieName, token, {
      httpOnly: true,
      secure: this.config.secureCookies,
      sameSite: 'strict',
      path: '/',
    });
  }

  clearCookie(res: Response): void {
    void res.clearCookie(this.cookieName, { httpOnly: true, secure: this.config.secureCookies, sameSite: 'strict', path: '/' });
  }

  async create(
    manager: EntityManager,
    user: User,
    meta: { ip: string | null; userAgent: string | null; mfaEnrolmentRequired: boolean },
  ): Promise<{ token: string; session: Session }> {
    const now = this.clock.now();
    const token = randomToken();
    const session = manager.create(Session, {
      tokenHash: sha256Hex(token),
      userId: user.id,
      organizationId: user.organizationId,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_LIMITS.absoluteMillis),
      revokedAt: null,
      stepUpAt: now,
      mfaEnrolmentRequired: meta.mfaEnrolmentRequired,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 200) ?? null,
      createdBy: user.id,
    });
    await manager.save(session);
    return { token, session };
  }

  /** The live session behind a cookie token, or a reason it is not live. */
  async resolve(
    manager: EntityManager,
    token: string,
    touch: boolean,
  ): Promise<ResolvedSession | { expired: true } | null> {
    if (token.length < 20 || token.length > 100) return null;
    // One statement for the session and its user: every request pays for it.
    const found = (await manager
      .getRepository(Session)
      .createQueryBuilder('s')
      .innerJoinAndMapOne('s.user', 'User', 'u', 'u.id = s.user_id')
      .where('s.token_hash = :hash', { hash: sha256Hex(token) })
      .getOne()) as (Session & { user?: User }) | null;
    if (!found || found.revokedAt) return null;
    const { user, ...rest } = found;
    const session = Object.assign(new Session(), rest);
    if (!user || !user.active) return null;
    const now = this.clock.now().getTime();
    if (now >= session.expiresAt.getTime() || now - session.lastSeenAt.getTime() >= SESSION_LIMITS.idleMillis) {
      await manager.update(Session, { id: session.id, revokedAt: IsNull() }, { revokedAt: new Date(now) });
      return { expired: true };
    }
    if (touch && now - session.lastSeenAt.getTime() >= SESSION_LIMITS.touchEveryMillis) {
      session.lastSeenAt = new Date(now);
      await manager.update(Session, { id: session.id }, { lastSeenAt: session.lastSeenAt });
    }
    return { session, user };
  }

  /** Step-up: fresh proof of identity, and a new session id so an old cookie cannot ride on it. */
  async stepUp(manager: EntityManager, session: Session): Promise<string> {
    const token = randomToken();
    const now = this.clock.now();
    await manager.update(Session, { id: session.id }, { tokenHash: sha256Hex(token), stepUpAt: now, lastSeenAt: now });
    return token;
  }

  hasFreshStepUp(stepUpAt: Date | null): boolean {
    return !!stepUpAt && this.clock.now().getTime() - stepUpAt.getTime() <= SESSION_LIMITS.stepUpMillis;
  }

  async revoke(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /** Ends every session of a user (disable, password change), optionally keeping one. */
  async revokeAllForUser(manager: EntityManager, userId: string, exceptSessionId?: string): Promise<number> {
    const qb = manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: this.clock.now() })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptSessionId) qb.andWhere('id <> :exceptSessionId', { exceptSessionId });
    const result = await qb.execute();
    return result.affected ?? 0;
  }

  /** Ends every session of the staff of one partner organization (the organization was deactivated). */
  async revokeAllForPartnerOrg(manager: EntityManager, partnerOrgId: string): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: this.clock.now() })
      .where('revoked_at IS NULL AND user_id IN (SELECT id FROM app_user WHERE partner_org_id = :partnerOrgId)', { partnerOrgId })
      .execute();
    return result.affected ?? 0;
  }

  async listActive(manager: EntityManager, userId: string): Promise<Session[]> {
    const now = this.clock.now().getTime();
    const sessions = await manager.find(Session, {
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
    });
    return sessions.filter(
      (s) => s.expiresAt.getTime() > now && now - s.lastSeenAt.getTime() < SESSION_LIMITS.idleMillis,
    );
  }
}
