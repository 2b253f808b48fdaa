import type { EntityManager } from 'typeorm';
import { Case } from '../../case-file/case.entity.js';
import { decryptSurvivorPii } from '../../case-file/survivor-fields.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import type { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { badRequest } from '../../kernel/http/domain-error.js';
import type { IntakeFieldsDto } from './dto/intake.dto.js';

/** Her date of birth (decrypted) and birth year, from the case's survivor. */
async function birthOf(manager: EntityManager, cipher: FieldCipher, caseId: string): Promise<{ dateOfBirth: string | null | undefined; birthYear: number | null }> {
  const kase = await manager.findOneOrFail(Case, { where: { id: caseId } });
  const survivor = await manager.findOneOrFail(Survivor, { where: { id: kase.survivorId } });
  const { dateOfBirth } = decryptSurvivorPii(cipher, survivor, new Set(['dateOfBirth']));
  return { dateOfBirth, birthYear: survivor.birthYear };
}

/**
 * The intake's two checks that need her date of birth: an intake date can be neither in the future (the
 * DTO checks) nor before she was born; the age when trafficking began cannot exceed her age today (HTCDS
 * vic_AgeWhenTrafficked), from her date of birth when it is known, else from her birth year (the oldest
 * she can be). `now`: the API's clock.
 */
export async function checkAgainstBirth(manager: EntityManager, cipher: FieldCipher, now: Date, caseId: string, dto: IntakeFieldsDto): Promise<void> {
  const { intakeDate, ageWhenTrafficked: age } = dto;
  if (intakeDate) {
    const { dateOfBirth, birthYear } = await birthOf(manager, cipher, caseId);
    const born = dateOfBirth ?? (birthYear ? `${birthYear}-01-01` : null);
    if (born && intakeDate < born) throw badRequest('intakeDate', 'is before the survivor was born');
  }
  if (age === null || age === undefined) return;
  const { dateOfBirth, birthYear } = await birthOf(manager, cipher, caseId);
  const today = now.toISOString().slice(0, 10);
  let oldest: number | null = null;
  if (typeof dateOfBirth === 'string' && dateOfBirth) {
    const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
    const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
    oldest = ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
  } else if (birthYear) {
    oldest = Number(today.slice(0, 4)) - birthYear;
  }
  if (oldest !== null && age > oldest) throw badRequest('ageWhenTrafficked', `is older than the survivor is today (${oldest})`);
}
