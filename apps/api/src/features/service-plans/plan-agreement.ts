import { DomainError, badRequest } from '../../kernel/http/domain-error.js';

/** The parts of a plan its agreement depends on. */
export interface AgreementState {
  status: string;
  revision: number;
  agreedRevision: number | null;
  startsOn: string;
}

/**
 * A service plan's agreement with the survivor, by revision: a change to what was agreed (a goal or
 * task added or reworded, a date moved) opens the next revision, which must be agreed again; a new
 * review date alone does not. Pure, so each rule is tested without a database (plan-agreement.spec.ts).
 */
export function opensRevision(plan: Pick<AgreementState, 'revision' | 'agreedRevision'>, changedFields: readonly string[]): boolean {
  return plan.agreedRevision === plan.revision && changedFields.some((f) => f !== 'reviewDate');
}

/** Why the survivor's agreement to `revision` on `agreedOn` cannot be recorded now; null when it can. */
export function refuseAgreement(plan: AgreementState, revision: number, agreedOn: string, today: string): DomainError | null {
  if (plan.status !== 'active') return new DomainError('PLAN_READ_ONLY', undefined, { planId: ['is not the active plan'] });
  if (revision !== plan.revision) {
    return new DomainError('PLAN_REVISION_CHANGED', `The plan is now at revision ${plan.revision}; review it with the survivor again`, {
      revision: [`must be ${plan.revision}`],
    });
  }
  if (plan.agreedRevision === plan.revision) return new DomainError('PLAN_ALREADY_AGREED');
  if (agreedOn > today || agreedOn < plan.startsOn) return badRequest('agreedOn', 'must lie between the plan start and today');
  return null;
}
