import type { Action, SubjectType } from '@lantern/permissions';
import type { RecordAccess } from '../access/records/record-access.js';
import type { DomainError } from '../kernel/http/domain-error.js';
import type { Case } from './case.entity.js';

/**
 * The case a new record of a case (a note, an appointment, its immigration relief...) is to be added to:
 * this person may create `subject` with what the client sent, and may `action` the case within their
 * scope (read in SQL). Otherwise `refusal`, the same answer whether the case does not exist or is out of
 * reach, so that an id outside the caseload tells nothing.
 */
export async function caseToAddTo(access: RecordAccess, subject: SubjectType, dto: { caseId: string }, refusal: DomainError, action: Action = 'read'): Promise<Case> {
  await access.assertCreate(subject, { ...dto }, Object.keys(dto), refusal);
  const kase = await access.findScoped<Case>('Case', dto.caseId, action);
  if (!kase) throw refusal;
  return kase;
}
