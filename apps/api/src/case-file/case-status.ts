import { CASE_TRANSITIONS, type CaseStatus, type Role } from '@lantern/contracts';
import { DomainError, badRequest, forbidden } from '../kernel/http/domain-error.js';

export interface CaseStatusMove {
  from: CaseStatus;
  to: string;
  role: Role;
  reason?: string | null | undefined;
  /** True only on the reopen action (POST /cases/:id/reopen). */
  reopening: boolean;
}

/** What a status change writes (the new status and, on reopening, the closure it undoes), or why not. */
export type CaseStatusPlan =
  | { ok: true; patch: { status: CaseStatus; closedAt?: null; closureReason?: null; exitDestination?: null } }
  /** `denied`: a refusal of permission, audited as a denial (the others are mistakes, not attempts). */
  | { ok: false; error: DomainError; denied: boolean };

const refuse = (error: DomainError, denied = false): CaseStatusPlan => ({ ok: false, error, denied });

/**
 * The case status machine: intake → active ⇄ on_hold → closed, closed → active. Pure, so every move
 * × role is tested without a database (case-status.spec.ts). Closing has its own action (reason,
 * exit destination, exit assessment) and reopening its own (a coordinator's, with a reason): plain
 * transitions refuse both with 409 naming the action to use.
 */
export function planCaseStatus(move: CaseStatusMove): CaseStatusPlan {
  if (move.to === 'closed') {
    return refuse(
      new DomainError('CASE_CLOSE_ENDPOINT', 'Close a case with POST /cases/:id/close (reason, exit destination, exit assessment)', {
        to: ['use the close action'],
      }),
    );
  }
  if (move.from === 'closed' && !move.reopening) {
    return refuse(new DomainError('CASE_REOPEN_ENDPOINT', 'Reopen a case with POST /cases/:id/reopen and a reason', { to: ['use the reopen action'] }));
  }
  const allowed = CASE_TRANSITIONS[move.from];
  if (!allowed.includes(move.to as CaseStatus)) {
    return refuse(
      new DomainError('CASE_INVALID_TRANSITION', `A case cannot go from ${move.from} to ${move.to}; allowed: ${allowed.join(', ')}`, {
        to: [`must be one of ${allowed.join(', ')}`],
      }),
    );
  }
  if (move.from === 'closed') {
    if (move.role !== 'coordinator') return refuse(forbidden('Only a coordinator may reopen a closed case'), true);
    if (!move.reason) return refuse(badRequest('reason', 'is required to reopen a case'));
    // A reopened case is open again: its closure no longer counts as an exit.
    return { ok: true, patch: { status: move.to as CaseStatus, closedAt: null, closureReason: null, exitDestination: null } };
  }
  return { ok: true, patch: { status: move.to as CaseStatus } };
}

/**
 * The one refusal of a write on a closed case (issue 13): a closed case is read-only, its fields, its
 * caseworker and its child records staying as they were at closing (follow-up assessments and consent
 * revocation apart, which their services allow before calling this); reopening is the way back. Every
 * feature answers the same 409 CASE_CLOSED, naming `field` (the request's field that points at the case)
 * and saying what to do instead.
 */
export function closedCaseError(hint: string, field = 'caseId', extra: Record<string, string[]> = {}): DomainError {
  return new DomainError('CASE_CLOSED', `This case is closed: ${hint}`, { [field]: ['is closed'], ...extra });
}

/** Throws {@link closedCaseError} when the case is closed. */
export function refuseIfClosed(kase: { status: CaseStatus }, hint: string, field = 'caseId'): void {
  if (kase.status === 'closed') throw closedCaseError(hint, field);
}
