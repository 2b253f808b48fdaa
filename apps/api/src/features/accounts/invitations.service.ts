import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { InvitationPreviewResponse, InvitationResponse, InvitationStatus } from '@lantern/contracts';
import { asSubject } from '@lantern/permissions';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { passwordProblem } from '../../access/auth/password-policy.js';
import { PasswordService } from '../../access/auth/password.service.js';
import type { Session } from '../../access/auth/session.entity.js';
import { SessionService } from '../../access/auth/session.service.js';
import { User } from '../../access/auth/user.entity.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { randomToken, sha256Hex } from '../../kernel/crypto/hashing.js';
import { DomainError, badRequest, forbidden, notFound } from '../../kernel/http/domain-error.js';
import { applyListQuery, type ListQuery, type ListSpec, type Page } from '../../kernel/http/list-query.js';
import { Mailer } from '../notifications/index.js';
import { PartnerOrgsRepository } from '../partner-orgs/index.js';
import type { InviteDto } from './dto/accounts.dto.js';
import { Invitation } from './invitation.entity.js';

/** How long an invitation link works. */
export const INVITATION_HOURS = 72;

export const INVITATION_LIST: ListSpec = { resource: 'invitations', filters: {}, sorts: ['createdAt', 'email', 'expiresAt'], defaultSort: ['createdAt', 'DESC'] };

const linkInvalid = () => new DomainError('LINK_INVALID');

/** Whether a role must enrol a second factor before using Lantern (as AuthService.login decides). */
export const mfaRequiredFor = (role: string, demo: boolean): boolean => role === 'admin' && !demo;

@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly auth: AuthService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    private readonly partnerOrgs: PartnerOrgsRepository,
  ) {}

  private status(row: Invitation): InvitationStatus {
    if (row.acceptedAt) return 'accepted';
    if (row.revokedAt) return 'revoked';
    return row.expiresAt.getTime() <= this.clock.now().getTime() ? 'expired' : 'pending';
  }

  private plain(row: Invitation): InvitationResponse {
    return {
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      role: row.role,
      partnerOrgId: row.partnerOrgId,
      status: this.status(row),
      expiresAt: row.expiresAt.toISOString(),
      sentCount: row.sentCount,
      acceptedAt: row.acceptedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      version: row.version,
    };
  }

  async list(query: ListQuery): Promise<Page<InvitationResponse>> {
    const { actor } = currentActor();
    const qb = this.dataSource.getRepository(Invitation).createQueryBuilder('i').where('i.organization_id = :org', { org: actor.organizationId });
    applyListQuery(qb, query);
    const [rows, total] = await qb.getManyAndCount();
    return { rows: rows.map((r) => this.plain(r)), total, skip: query.skip };
  }

  private async queueMail(manager: EntityManager, invitation: Invitation, token: string): Promise<void> {
    await this.mailer.queue(manager, {
      organizationId: invitation.organizationId,
      recipient: invitation.email,
      template: 'invitation',
      locale: invitation.locale,
      referenceId: invitation.id,
      expiresAt: invitation.expiresAt,
      // In the fragment: the browser never sends it to a server, and the app erases it at once.
      linkPath: `/#invitation=${token}`,
      validFor: INVITATION_HOURS,
    });
  }

  /** An admin invites someone by address with a role: a step-up, an audit row, a mail with the link. */
  async invite(dto: InviteDto): Promise<InvitationResponse> {
    const { actor, ability } = currentActor();
    const values = {
      email: dto.email.trim().toLowerCase(),
      displayName: dto.displayName.trim(),
      role: dto.role,
      partnerOrgId: dto.partnerOrgId ?? null,
      organizationId: actor.organizationId,
    };
    if (!ability.can('create', asSubject('User', values))) throw forbidden('You may not add users');
    // An invitation is a new way in, like creating a user (docs/security-model.md, step-up).
    this.auth.requireStepUp(actor);
    if (!values.displayName) throw badRequest('displayName', 'must not be empty');
    await this.checkPartnerLink(actor.organizationId, values.role, values.partnerOrgId);
    const token = randomToken();
    const invitation = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`invite:${values.email}`]);
      await this.assertFree(manager, values.email, actor.organizationId);
      const saved = await manager.save(
        manager.create(Invitation, {
          ...values,
          locale: dto.locale ?? 'en',
          tokenHash: sha256Hex(token),
          expiresAt: new Date(this.clock.now().getTime() + INVITATION_HOURS * 3_600_000),
          sentCount: 1,
          acceptedAt: null,
          revokedAt: null,
          userId: null,
          createdBy: actor.id,
        }),
      );
      await this.queueMail(manager, saved, token);
      await this.audit.record(manager, { action: 'invite', subjectType: 'Invitation', subjectId: saved.id, fields: ['email', 'role', ...(values.partnerOrgId ? ['partnerOrgId'] : [])] });
      return saved;
    });
    this.mailer.kick();
    return this.plain(invitation);
  }

  /** No account with this address, and no pending invitation of it in this organization. */
  private async assertFree(manager: EntityManager, email: string, organizationId: string): Promise<void> {
    if (await manager.exists(User, { where: { email } })) {
      throw new DomainError('INVITATION_EXISTS', undefined, { email: ['already has an account'] });
    }
    const pending = (await manager.query(
      `SELECT 1 FROM invitation WHERE organization_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3 LIMIT 1`,
      [organizationId, email, this.clock.now()],
    )) as unknown[];
    if (pending.length > 0) throw new DomainError('INVITATION_EXISTS', undefined, { email: ['already has a pending invitation: resend it'] });
  }

  private async checkPartnerLink(organizationId: string, role: string, partnerOrgId: string | null): Promise<void> {
    if (role === 'partner') {
      if (!partnerOrgId) throw badRequest('partnerOrgId', 'is required for partner staff');
      if (!(await this.partnerOrgs.findInOrganization(organizationId, partnerOrgId))) throw badRequest('partnerOrgId', 'is not a partner organization of yours');
    } else if (partnerOrgId) {
      throw badRequest('partnerOrgId', 'is only for partner staff');
    }
  }

  private async loadOwn(manager: EntityManager, id: string): Promise<Invitation> {
    const { actor } = currentActor();
    const row = await manager.findOne(Invitation, { where: { id, organizationId: actor.organizationId }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound('Invitation');
    return row;
  }

  /** A new link (the old one dies at once), 72 hours from now. */
  async resend(id: string): Promise<InvitationResponse> {
    const { actor } = currentActor();
    this.auth.requireStepUp(actor);
    const token = randomToken();
    const updated = await this.dataSource.transaction(async (manager) => {
      const row = await this.loadOwn(manager, id);
      if (row.acceptedAt || row.revokedAt) throw new DomainError('INVITATION_NOT_PENDING');
      await this.mailer.cancelAbout(manager, row.id);
      row.tokenHash = sha256Hex(token);
      row.expiresAt = new Date(this.clock.now().getTime() + INVITATION_HOURS * 3_600_000);
      row.sentCount += 1;
      const saved = await manager.save(row);
      await this.queueMail(manager, saved, token);
      await this.audit.record(manager, { action: 'invite_resend', subjectType: 'Invitation', subjectId: row.id });
      return saved;
    });
    this.mailer.kick();
    return this.plain(updated);
  }

  async revoke(id: string): Promise<InvitationResponse> {
    const { actor } = currentActor();
    this.auth.requireStepUp(actor);
    const updated = await this.dataSource.transaction(async (manager) => {
      const row = await this.loadOwn(manager, id);
      if (row.acceptedAt || row.revokedAt) throw new DomainError('INVITATION_NOT_PENDING');
      await this.mailer.cancelAbout(manager, row.id);
      row.revokedAt = this.clock.now();
      const saved = await manager.save(row);
      await this.audit.record(manager, { action: 'invite_revoke', subjectType: 'Invitation', subjectId: row.id });
      return saved;
    });
    return this.plain(updated);
  }

  private async findLive(manager: EntityManager, token: string, lock: boolean): Promise<Invitation | null> {
    const qb = manager
      .getRepository(Invitation)
      .createQueryBuilder('i')
      .where('i.token_hash = :hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > :now', { hash: sha256Hex(token), now: this.clock.now() });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** What the invitation page shows: 410 for a link that is used, replaced, revoked or expired. */
  async preview(token: string): Promise<InvitationPreviewResponse> {
    const row = await this.findLive(this.dataSource.manager, token, false);
    if (!row) throw linkInvalid();
    return { email: row.email, displayName: row.displayName, role: row.role, mfaRequired: mfaRequiredFor(row.role, this.config.demo), expiresAt: row.expiresAt.toISOString() };
  }

  /**
   * The invitee chooses a password: the account is created, the link dies, and the person is signed in
   * (a fresh session counts as a step-up, so a second factor can be enrolled at once; a role that
   * requires one gets a session that can do nothing else until it is).
   */
  async accept(token: string, password: string, meta: { ip: string | null; userAgent: string | null }): Promise<{ token: string; user: User; session: Session }> {
    const preview = await this.findLive(this.dataSource.manager, token, false);
    if (!preview) throw linkInvalid();
    const problem = await passwordProblem(password, { organizationNames: await this.auth.organizationNames(preview.organizationId), email: preview.email });
    if (problem) throw badRequest('password', problem);
    const passwordHash = await this.passwords.hash(password);
    return this.dataSource.transaction(async (manager) => {
      // Again under a lock: two tabs accepting at once create one account.
      const row = await this.findLive(manager, token, true);
      if (!row) throw linkInvalid();
      if (await manager.exists(User, { where: { email: row.email } })) throw linkInvalid();
      const user = await manager.save(
        manager.create(User, {
          organizationId: row.organizationId,
          email: row.email,
          displayName: row.displayName,
          role: row.role,
          partnerOrgId: row.partnerOrgId,
          passwordHash,
          passwordChangedAt: this.clock.now(),
          active: true,
          mfaEnabled: false,
          locale: row.locale,
          createdBy: row.createdBy,
        }),
      );
      row.acceptedAt = this.clock.now();
      row.userId = user.id;
      await manager.save(row);
      await this.mailer.cancelAbout(manager, row.id);
      const actor = { id: user.id, role: user.role, organizationId: user.organizationId };
      await this.audit.record(manager, { action: 'invite_accept', subjectType: 'Invitation', subjectId: row.id, actor });
      await this.audit.record(manager, { action: 'create', subjectType: 'User', subjectId: user.id, fields: ['email', 'displayName', 'role', 'password'], actor });
      const { token: sessionToken, session } = await this.sessions.create(manager, user, { ...meta, mfaEnrolmentRequired: mfaRequiredFor(user.role, this.config.demo) });
      await manager.query('UPDATE app_user SET last_login_at = $1 WHERE id = $2', [this.clock.now(), user.id]);
      return { token: sessionToken, user, session };
    });
  }
}
