import type { Action, SubjectType } from '@lantern/permissions';
import type { EntityManager } from 'typeorm';
import type { RecordAccess } from '../access/records/record-access.js';
import type { DomainError } from '../kernel/http/domain-error.js';
import type { Case } from './case.entity.js';

/** What `caseToAddTo` checks beyond the values themselves. */
export interface CaseToAddToOptions {
  /** The fields the client set, checked against the create rule's fields (default: every key of the values). */
  fields?: string[];
  /** The transaction the new record is written in, when the check is part of a larger one. */
  manager?: EntityManager;
}

/**
 * The case a new record of a case (a note, an appointment, its immigration relief, a document, an
 * intake...) is to be added to: this person may create `subject` with `values` (the record as the client
 * sent it, naming its case), and may `action` the case within their scope (read in SQL). Otherwise
 * `refusal`, the same answer whether the case does not exist or is out of reach, so that an id outside
 * the caseload tells nothing.
 */
export async function caseToAddTo<V extends { caseId: string }>(
  access: RecordAccess,
  subject: SubjectType,
  values: V,
  refusal: DomainError,
  action: Action = 'read',
  { fields = Object.keys(values), manager }: CaseToAddToOptions = {},
): Promise<Case> {
  await access.assertCreate(subject, { ...values }, fields, refusal, manager);
  const kase = await access.findScoped<Case>('Case', values.caseId, action, manager);
  if (!kase) throw refusal;
  return kase;
}
