import { CASE_STATUSES, ROLES, type CaseStatus } from '@lantern/contracts';
import type { DomainError } from '../kernel/http/domain-error.js';
import { closedCaseError, planCaseStatus, refuseIfClosed } from './case-status.js';

/** Every status × target × role × action (transition or reopen), with and without a reason. */
describe('the case status machine', () => {
  const OPEN_MOVES: Record<Exclude<CaseStatus, 'closed'>, CaseStatus[]> = { intake: ['active'], active: ['on_hold'], on_hold: ['active'] };
  const targets = [...CASE_STATUSES, 'archived'];

  for (const from of CASE_STATUSES) {
    for (const to of targets) {
      for (const role of ROLES) {
        for (const reopening of [false, true]) {
          for (const reason of [undefined, 'Came back after two months']) {
            it(`${from} → ${to} by ${role}${reopening ? ' (reopen)' : ''}${reason ? ' with a reason' : ''}`, () => {
              const plan = planCaseStatus({ from, to, role, reason, reopening });
              if (to === 'closed') {
                // Closing always goes through its own action, whoever asks.
                expect(plan).toMatchObject({ ok: false, denied: false, error: { status: 409, code: 'CASE_CLOSE_ENDPOINT' } });
              } else if (from === 'closed' && !reopening) {
                expect(plan).toMatchObject({ ok: false, denied: false, error: { status: 409, code: 'CASE_REOPEN_ENDPOINT' } });
              } else if (from === 'closed') {
                if (to !== 'active') expect(plan).toMatchObject({ ok: false, error: { status: 409, code: 'CASE_INVALID_TRANSITION' } });
                else if (role !== 'coordinator') expect(plan).toMatchObject({ ok: false, denied: true, error: { status: 403, code: 'FORBIDDEN' } });
                else if (!reason) expect(plan).toMatchObject({ ok: false, denied: false, error: { status: 400, errors: { reason: ['is required to reopen a case'] } } });
                else expect(plan).toEqual({ ok: true, patch: { status: 'active', closedAt: null, closureReason: null, exitDestination: null } });
              } else if (OPEN_MOVES[from].includes(to as CaseStatus)) {
                // Who may change the status at all is the record-access layer's business; the machine only orders the moves.
                expect(plan).toEqual({ ok: true, patch: { status: to } });
              } else {
                expect(plan).toMatchObject({ ok: false, denied: false, error: { status: 409, code: 'CASE_INVALID_TRANSITION', errors: { to: [expect.stringMatching(/^must be one of/)] } } });
              }
            });
          }
        }
      }
    }
  }
});

describe('the one refusal of a write on a closed case', () => {
  it('refuses a closed case with 409 CASE_CLOSED naming the field and the way out', () => {
    const refusal = (() => {
      try {
        refuseIfClosed({ status: 'closed' }, 'reopen it to add notes', 'caseId');
      } catch (error) {
        return error as DomainError;
      }
      return null;
    })();
    expect(refusal?.code).toBe('CASE_CLOSED');
    expect(refusal?.message).toBe('This case is closed: reopen it to add notes');
    expect(refusal?.errors).toEqual({ caseId: ['is closed'] });
  });

  it('lets every open status through', () => {
    for (const status of ['intake', 'active', 'on_hold'] as const) expect(() => refuseIfClosed({ status }, 'x')).not.toThrow();
  });

  it('names extra fields beside the case', () => {
    expect(closedCaseError('only follow-up assessments may be added', 'caseId', { stage: ['is not a follow-up stage'] }).errors).toEqual({
      caseId: ['is closed'],
      stage: ['is not a follow-up stage'],
    });
  });
});
