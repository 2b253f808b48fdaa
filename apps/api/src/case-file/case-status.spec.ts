import { CASE_STATUSES, ROLES, type CaseStatus } from '@lantern/contracts';
import { planCaseStatus } from './case-status.js';

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
