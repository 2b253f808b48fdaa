import { CASE_TRANSITIONS, RISK_QUESTIONS, type CaseStatus, type IntakeStatus } from '@lantern/contracts';
import { DomainError } from '../../kernel/http/domain-error.js';
import type { Intake } from './intake.entity.js';

type Answers = Pick<Intake, 'intakeDate' | 'identifiedBy' | 'exploitationTypes' | 'riskScreening'>;

/**
 * The intake's life: a draft changes freely; submitting needs every required step; a submitted intake
 * changes only through an amendment that keeps the original and may not remove a required answer.
 * Pure, so each step is tested without a database (intake-rules.spec.ts).
 */
/** What a submitted intake must have (issue: "missing required steps on submit"). */
export function missingForSubmit(row: Answers): Record<string, string[]> {
  const missing: Record<string, string[]> = {};
  if (!row.intakeDate) missing.intakeDate = ['is required to submit'];
  if (!row.identifiedBy) missing.identifiedBy = ['is required to submit'];
  if (row.exploitationTypes.length === 0) missing.exploitationTypes = ['needs at least one type to submit'];
  const unanswered = RISK_QUESTIONS.filter((q) => typeof (row.riskScreening ?? {})[q.id] !== 'boolean').map((q) => q.id);
  if (unanswered.length > 0) missing.riskScreening = [`has unanswered questions: ${unanswered.join(', ')}`];
  return missing;
}


/**
 * The case status a submitted intake moves the case to (issue 13: "after the intake is submitted the
 * case still says Intake"): a case in `intake` becomes `active`, the same move of the case status
 * machine (`CASE_TRANSITIONS`), written with its status-change row and audit in the submit's
 * transaction. A case already past intake (active, on hold) keeps its status; null when nothing moves.
 */
export function caseStatusOnSubmit(current: CaseStatus): CaseStatus | null {
  return current === 'intake' && CASE_TRANSITIONS.intake.includes('active') ? 'active' : null;
}

export type IntakeStep = 'edit' | 'submit' | 'amend';

/** Whether this step may happen to an intake in this state; null when it may. */
export function refuseIntakeStep(step: IntakeStep, status: IntakeStatus): DomainError | null {
  if (step === 'edit' && status === 'submitted') {
    return new DomainError('INTAKE_SUBMITTED');
  }
  if (step === 'submit' && status === 'submitted') return new DomainError('INTAKE_SUBMITTED', 'This intake was already submitted');
  if (step === 'amend' && status !== 'submitted') {
    return new DomainError('INTAKE_DRAFT', 'Drafts are edited directly; amendments are for submitted intakes');
  }
  return null;
}

/**
 * A submitted intake, and every amendment of one, has every required answer; null when it does.
 * `required` adds what the organization's form settings require at submission (features/forms), which
 * never removes one of Lantern's own.
 */
export function refuseIncomplete(step: 'submit' | 'amend', answers: Answers, required: Record<string, string[]> = {}): DomainError | null {
  const missing = { ...required, ...missingForSubmit(answers) };
  if (Object.keys(missing).length === 0) return null;
  return step === 'submit'
    ? new DomainError('INTAKE_INCOMPLETE', `The intake is not complete: ${Object.keys(missing).join(', ')}`, missing)
    : new DomainError('INTAKE_INCOMPLETE', `An amendment may not remove required answers: ${Object.keys(missing).join(', ')}`, missing);
}
