import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@lantern/contracts';
import type { FastifyReply as Response } from 'fastify';
import type { Pool } from 'pg';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { isEmbedded } from '../../kernel/database/data-source-options.js';
import { randomToken, sha256Hex } from '../../kernel/crypto/hashing.js';
import type { User } from './user.entity.js';
import { Session } from './session.entity.js';
import { RESOLVE_NAME, RESOLVE_SQL } from './session-statement.js';

/** docs/security-model.md, session. */
export const SESSION_LIMITS = {
  idleMillis: 15 * 60_000,
  absoluteMillis: 12 * 3_600_000,
  stepUpMillis: 5 * 60_000,
  /** lastSeenAt is written at most this often, to spare the database a write on every request. */
  touchEveryMillis: 15_000,
} as const;

/** What a request needs of its session: who, since when, and whether it is restricted. */
export interface LiveSession {
  id: string;
  lastSeenAt: Date;
  expiresAt: Date;
  stepUpAt: Date | null;
  mfaEnrolmentRequired: boolean;
}

/** What a request needs of the session's user (the rules are built from these, docs/security-model.md). */
export interface SessionUser {
  id: string;
  role: Role;
  organizationId: string;
  partnerOrgId: string | null;
  /** The organization's definitions stamp as this statement saw it (features/custom-fields keeps definitions by it). */
  definitionsStamp: string;
}

export interface ResolvedSession {
  session: LiveSession;
  user: SessionUser;
}

interface ResolveRow {
  id: string;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  step_up_at: Date | null;
  mfa_enrolment_required: boolean;
  user_id: string;
  role: Role;
  organization_id: string;
  partner_org_id: string | null;
  active: boolean;
  definitions_stamp: string;
}

@Injectable()
export class SessionService {
  private readonly resolveName: string | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    // On the embedded database (one session for every connection) no name is given here: its pool's client
    // prepares the statement under a name of its own (kernel/database/statement-cache.ts).
    this.resolveName = isEmbedded(dataSource) ? undefined : RESOLVE_NAME;
  }

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
  async resolve(token: string, touch: boolean): Promise<ResolvedSession | { expired: true } | null> {
    if (token.length < 20 || token.length > 100) return null;
    // The pool under the DataSource (node-postgres), the same connections TypeORM uses.
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    // Every check below is made from what this statement returns, on every request: a revocation, a
    // deactivation or a role change takes effect on the very next request.
    const { rows } = await pool.query<ResolveRow>({ name: this.resolveName, text: RESOLVE_SQL, values: [sha256Hex(token)] });
    const row = rows[0];
    if (!row || row.revoked_at || !row.active) return null;
    const now = this.clock.now().getTime();
    const manager = this.dataSource.manager;
    if (now >= row.expires_at.getTime() || now - row.last_seen_at.getTime() >= SESSION_LIMITS.idleMillis) {
      await manager.update(Session, { id: row.id, revokedAt: IsNull() }, { revokedAt: new Date(now) });
      return { expired: true };
    }
    const session: LiveSession = {
      id: row.id,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      stepUpAt: row.step_up_at,
      mfaEnrolmentRequired: row.mfa_enrolment_required,
    };
    if (touch && now - session.lastSeenAt.getTime() >= SESSION_LIMITS.touchEveryMillis) {
      session.lastSeenAt = new Date(now);
      await manager.update(Session, { id: session.id }, { lastSeenAt: session.lastSeenAt });
    }
    return {
      session,
      user: { id: row.user_id, role: row.role, organizationId: row.organization_id, partnerOrgId: row.partner_org_id, definitionsStamp: row.definitions_stamp },
    };
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
