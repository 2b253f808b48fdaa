import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { asSubject } from '@lantern/permissions';
import { DataSource } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { AuthService } from '../../access/auth/auth.service.js';
import { SecondFactorService } from '../../access/auth/second-factor.service.js';
import { passwordProblem } from '../../access/auth/password-policy.js';
import { PasswordService } from '../../access/auth/password.service.js';
import { SessionService } from '../../access/auth/session.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { DomainError, badRequest, forbidden, notFound, staleVersion } from '../../kernel/http/domain-error.js';
import type { ListQuery, Page } from '../../kernel/http/list-query.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { assertWritable, changedFields, serialize, type Plain } from '../../kernel/http/serialize.js';
import { PartnerOrgsRepository } from '../partner-orgs/index.js';
import { Mailer } from '../notifications/index.js';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { User } from '../../access/auth/user.entity.js';
import { userProfile } from '../../access/auth/user-profile.js';
import { UsersRepository } from './users.repository.js';

/** Changes of a user that need a step-up (also `active: true`, switching an account back on). */
const STEP_UP_FIELDS = ['role', 'email', 'partnerOrgId'];

function plain(user: User): Plain {
  return {
    ...userProfile(user),
    active: user.active,
    mfaEnabled: user.mfaEnabled,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    version: user.version,
  };
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: UsersRepository,
    private readonly partnerOrgs: PartnerOrgsRepository,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactorService,
    private readonly audit: AuditService,
    private readonly access: RecordAccess,
    private readonly mailer: Mailer,
  ) {}

  async list(query: ListQuery): Promise<Page<Plain>> {
    const { ability } = currentActor();
    const page = await this.repository.list(ability, query);
    return { ...page, rows: page.rows.map((u) => serialize(ability, 'User', u, plain(u))) };
  }

  async get(id: string): Promise<Plain> {
    const { ability } = currentActor();
    const user = await this.repository.findReadable(ability, id);
    if (!user) throw await this.deniedOrMissing(id, 'read');
    return serialize(ability, 'User', user, plain(user));
  }

  async create(dto: CreateUserDto): Promise<Plain> {
    const { actor, ability } = currentActor();
    const { password, ...rest } = dto;
    const values = { ...rest, email: rest.email.toLowerCase(), partnerOrgId: rest.partnerOrgId ?? null, organizationId: actor.organizationId };
    if (!ability.can('create', asSubject('User', values))) throw forbidden('You may not add users');
    assertWritable(ability, 'create', 'User', values, Object.keys(dto));
    // A new account is a new way in: it needs a fresh password (docs/security-model.md, step-up).
    this.auth.requireStepUp(actor);
    await this.checkPartnerLink(actor.organizationId, values.role, values.partnerOrgId);
    const problem = await passwordProblem(password, {
      organizationNames: await this.auth.organizationNames(actor.organizationId),
      email: values.email,
    });
    if (problem) throw badRequest('password', problem);
    const passwordHash = await this.passwords.hash(password);
    const user = await this.dataSource.transaction(async (manager) => {
      const created = await this.repository.insert(manager, { ...values, passwordHash, createdBy: actor.id });
      await this.audit.record(manager, { action: 'create', subjectType: 'User', subjectId: created.id, fields: Object.keys(dto) });
      return created;
    });
    return serialize(ability, 'User', user, plain(user));
  }

  async update(id: string, dto: UpdateUserDto): Promise<Plain> {
    const { actor, ability } = currentActor();
    const { version, ...patch } = dto;
    if (patch.email) patch.email = patch.email.toLowerCase();
    const user = await this.repository.findReadable(ability, id);
    if (!user) throw await this.deniedOrMissing(id, 'update');
    const requested = Object.keys(patch);
    if (!ability.can('update', asSubject('User', user))) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'User', subjectId: id, reason: 'update' });
      throw forbidden('You may not change this user');
    }
    try {
      assertWritable(ability, 'update', 'User', user, requested);
    } catch (error) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'User', subjectId: id, fields: requested, reason: 'update' });
      throw error;
    }
    if (user.version !== version) throw staleVersion();
    this.access.assertEchoes('User', user);
    const fields = changedFields(plain(user), patch);
    if (fields.length === 0) return serialize(ability, 'User', user, plain(user));

    // A change of what the account may do (role, partner organization, switching it back on) or of where
    // its password resets go (e-mail) needs a fresh password (docs/security-model.md, step-up).
    if (STEP_UP_FIELDS.some((f) => fields.includes(f)) || (fields.includes('active') && patch.active === true)) this.auth.requireStepUp(actor);
    const role = patch.role ?? user.role;
    const partnerOrgId = patch.partnerOrgId === undefined ? (role === 'partner' ? user.partnerOrgId : null) : patch.partnerOrgId;
    if (role !== 'partner' && patch.partnerOrgId === undefined && user.partnerOrgId) {
      patch.partnerOrgId = null;
      fields.push('partnerOrgId');
    }
    await this.checkPartnerLink(user.organizationId, role, partnerOrgId);

    const updated = await this.dataSource.transaction(async (manager) => {
      const losesAdmin = user.role === 'admin' && user.active && (role !== 'admin' || patch.active === false);
      if (losesAdmin) {
        // Serialize admin changes per organization so two admins cannot demote each other at once.
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`admins:${user.organizationId}`]);
        if ((await this.repository.countActiveAdmins(manager, user.organizationId)) <= 1) {
          throw new DomainError('LAST_ADMIN', undefined, {
            [patch.active === false ? 'active' : 'role']: ['would leave the organization without an administrator'],
          });
        }
      }
      await updateVersioned(manager, User, id, version, patch);
      // Disabling an account, or changing what it may do, ends its sessions at once.
      if (patch.active === false || fields.includes('role') || fields.includes('partnerOrgId')) {
        await this.sessions.revokeAllForUser(manager, id);
      }
      await this.audit.record(manager, { action: 'update', subjectType: 'User', subjectId: id, fields });
      return (await this.repository.findReadable(ability, id, manager))!;
    });
    return serialize(ability, 'User', updated, plain(updated));
  }

  /**
   * Turns off another user's second factor (a lost phone): their secret and recovery codes are erased
   * and their sessions end; an admin without one must enrol again at the next sign-in. Needs a fresh
   * step-up, and is audited as `mfa_reset`. One's own second factor is changed on the account page.
   */
  async resetMfa(id: string): Promise<Plain> {
    const { actor, ability } = currentActor();
    const user = await this.repository.findReadable(ability, id);
    if (!user) throw await this.deniedOrMissing(id, 'mfa_reset');
    if (!ability.can('update', asSubject('User', user))) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'User', subjectId: id, reason: 'mfa_reset' });
      throw forbidden('You may not change this user');
    }
    this.auth.requireStepUp(actor);
    if (user.id === actor.id) throw forbidden('Change your own two-step verification on your account page');
    const updated = await this.dataSource.transaction(async (manager) => {
      await this.secondFactor.erase(manager, id);
      await this.sessions.revokeAllForUser(manager, id);
      await this.audit.record(manager, { action: 'mfa_reset', subjectType: 'User', subjectId: id, fields: ['mfaEnabled'] });
      // The person is told by mail (issue 14): a reset they did not ask for is a warning sign.
      await this.mailer.queue(manager, { organizationId: user.organizationId, userId: id, template: 'mfa_reset', locale: user.locale });
      return (await this.repository.findReadable(ability, id, manager))!;
    });
    this.mailer.kick();
    return serialize(ability, 'User', updated, plain(updated));
  }

  /** Partner staff belong to exactly one partner organization of the same organization; others to none. */
  private async checkPartnerLink(organizationId: string, role: string, partnerOrgId: string | null): Promise<void> {
    if (role === 'partner') {
      if (!partnerOrgId) throw badRequest('partnerOrgId', 'is required for partner staff');
      if (!(await this.partnerOrgs.findInOrganization(organizationId, partnerOrgId))) {
        throw badRequest('partnerOrgId', 'is not a partner organization of yours');
      }
    } else if (partnerOrgId) {
      throw badRequest('partnerOrgId', 'is only for partner staff');
    }
  }

  private async deniedOrMissing(id: string, action: string): Promise<DomainError> {
    if (await this.repository.exists(id)) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'User', subjectId: id, reason: action });
    }
    return notFound('User');
  }
}
