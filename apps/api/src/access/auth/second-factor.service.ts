import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { sha256Hex } from '../../kernel/crypto/hashing.js';
import { RecoveryCode } from './recovery-code.entity.js';
import { TotpService, normalizeRecoveryCode } from './totp.service.js';
import { User } from './user.entity.js';

const totpLocation = (userId: string) => ({ table: 'app_user', column: 'totp_secret', rowId: userId });

/**
 * A user's stored second factor: the TOTP secret (sealed), the last accepted step and the recovery
 * codes (their SHA-256 only). Signing in and stepping up spend a code here (auth.service.ts),
 * enrolment writes a secret (mfa-enrolment.service.ts), and an admin's reset erases it all
 * (features/users/users.service.ts). Each method works in the caller's transaction.
 */
@Injectable()
export class SecondFactorService {
  constructor(
    private readonly clock: Clock,
    private readonly totp: TotpService,
    private readonly cipher: FieldCipher,
  ) {}

  /** The TOTP secret sealed for the user's row, as `app_user.totp_secret` stores it. */
  sealSecret(userId: string, secret: string): string {
    return this.cipher.encrypt(secret, totpLocation(userId));
  }

  /** Accepts a TOTP code once: the accepted step is stored and never accepted again. */
  async consumeTotp(manager: EntityManager, user: User, code: string): Promise<boolean> {
    if (!user.totpSecret) return false;
    const secret = this.cipher.decrypt(user.totpSecret, totpLocation(user.id));
    const step = await this.totp.check(secret, code, user.totpLastStep === null ? null : Number(user.totpLastStep));
    if (step === null) return false;
    // Conditional on the stored step, so two requests racing with one code cannot both pass.
    const [, affected] = (await manager.query(
      'UPDATE app_user SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)',
      [step, user.id],
    )) as [unknown, number];
    return affected === 1;
  }

  /** Accepts a recovery code once: it is marked used. */
  async consumeRecoveryCode(manager: EntityManager, user: User, code: string): Promise<boolean> {
    const codeHash = sha256Hex(normalizeRecoveryCode(code));
    const result = await manager.update(
      RecoveryCode,
      { userId: user.id, codeHash, usedAt: IsNull() },
      { usedAt: this.clock.now() },
    );
    return (result.affected ?? 0) === 1;
  }

  /** Erases a user's second factor (secret, last step, recovery codes), in the caller's transaction. */
  async erase(manager: EntityManager, userId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(User)
      .set({ mfaEnabled: false, totpSecret: null, totpLastStep: null, version: () => 'version + 1' })
      .where('id = :userId', { userId })
      .execute();
    await manager.delete(RecoveryCode, { userId });
  }
}
