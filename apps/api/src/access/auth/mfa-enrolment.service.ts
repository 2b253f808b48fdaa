import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../../kernel/http/domain-error.js';
import type { Actor } from '../../kernel/http/request-context.js';
import { sha256Hex } from '../../kernel/crypto/hashing.js';
import { AuthService } from './auth.service.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { SecondFactorService } from './second-factor.service.js';
import { Session } from './session.entity.js';
import { TotpService, normalizeRecoveryCode } from './totp.service.js';
import { User } from './user.entity.js';

/**
 * A person's own second factor (`/auth/mfa/*`): setting it up, enabling it with a first code (which
 * hands out the recovery codes), and turning it off. Each needs a fresh step-up (auth.service.ts);
 * what is stored is second-factor.service.ts's. An admin resetting someone else's is
 * features/users/users.service.ts.
 */
@Injectable()
export class MfaEnrolmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactorService,
    private readonly totp: TotpService,
    private readonly audit: AuditService,
  ) {}

  /** A new TOTP secret, stored sealed and shown once (as an otpauth URI too); not in force until enabled. */
  async startSetup(actor: Actor): Promise<{ secret: string; otpauthUri: string }> {
    this.auth.requireStepUp(actor);
    const user = await this.dataSource.manager.findOneOrFail(User, { where: { id: actor.id } });
    if (user.mfaEnabled) throw new DomainError('MFA_ALREADY_ENABLED');
    const secret = this.totp.newSecret();
    await this.dataSource.manager.update(
      User,
      { id: user.id },
      { totpSecret: this.secondFactor.sealSecret(user.id, secret), totpLastStep: null },
    );
    return { secret, otpauthUri: this.totp.uri(secret, user.email) };
  }

  /** The first code proves the authenticator holds the secret: the second factor is on, and ten recovery codes are shown once. */
  async enable(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    this.auth.requireStepUp(actor);
    const user = await this.dataSource.manager.findOneOrFail(User, { where: { id: actor.id } });
    if (user.mfaEnabled) throw new DomainError('MFA_ALREADY_ENABLED');
    if (!user.totpSecret) throw new DomainError('MFA_NOT_STARTED');
    const recoveryCodes = this.totp.newRecoveryCodes();
    const ok = await this.dataSource.transaction(async (manager) => {
      if (!(await this.secondFactor.consumeTotp(manager, user, code))) return false;
      await manager.update(User, { id: user.id }, { mfaEnabled: true });
      await manager.delete(RecoveryCode, { userId: user.id });
      await manager.insert(
        RecoveryCode,
        recoveryCodes.map((c) => ({ userId: user.id, codeHash: sha256Hex(normalizeRecoveryCode(c)), usedAt: null, createdBy: user.id })),
      );
      await manager.update(Session, { userId: user.id, revokedAt: IsNull() }, { mfaEnrolmentRequired: false });
      await this.audit.record(manager, { action: 'mfa_enrol', subjectType: 'User', subjectId: user.id, fields: ['mfaEnabled'] });
      return true;
    });
    if (!ok) throw new DomainError('MFA_CODE_INVALID', undefined, { code: ['is not valid'] });
    return { recoveryCodes };
  }

  /** Turns one's own second factor off, unless the role must have one. */
  async disable(actor: Actor): Promise<void> {
    this.auth.requireStepUp(actor);
    if (this.auth.secondFactorRequired(actor.role)) {
      throw new DomainError('MFA_REQUIRED_FOR_ROLE');
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: actor.id }, { mfaEnabled: false, totpSecret: null, totpLastStep: null });
      await manager.delete(RecoveryCode, { userId: actor.id });
      await this.audit.record(manager, { action: 'mfa_disable', subjectType: 'User', subjectId: actor.id, fields: ['mfaEnabled'] });
    });
  }
}
