import { REFERRAL_REROUTE_FROM, REFERRAL_STATUSES, REFERRAL_TRANSITIONS, ROLES, type ReferralStatus } from '@lantern/contracts';
import { mayMoveReferral, referralMovesFor, type ReferralMove } from './referral-moves.js';

describe('REFERRAL_MOVES_BY_ROLE', () => {
  it('grants only moves the state machine allows', () => {
    for (const role of ROLES) {
      for (const status of REFERRAL_STATUSES) {
        for (const move of referralMovesFor(role, status)) {
          const allowed = move === 'reroute' ? REFERRAL_REROUTE_FROM.includes(status) : REFERRAL_TRANSITIONS[status].includes(move);
          expect([role, status, move, allowed]).toEqual([role, status, move, true]);
        }
      }
    }
  });

  it('lists exactly these moves, by role and status', () => {
    const table = Object.fromEntries(
      ROLES.map((role) => [role, Object.fromEntries(REFERRAL_STATUSES.map((s) => [s, [...referralMovesFor(role, s)]]).filter(([, m]) => m.length > 0))]),
    );
    expect(table).toEqual({
      admin: {},
      analyst: {},
      coordinator: {
        draft: ['sent', 'cancelled'],
        sent: ['cancelled', 'reroute'],
        accepted: ['cancelled', 'reroute'],
        in_progress: ['cancelled', 'reroute'],
        declined: ['reroute'],
      },
      caseworker: { draft: ['cancelled'], declined: ['reroute'] },
      partner: { sent: ['accepted', 'declined'], accepted: ['in_progress'], in_progress: ['completed'] },
    });
  });

  it('keeps sending and cancelling with the program, answering and working with the partner', () => {
    const movers = (status: ReferralStatus, move: ReferralMove) => ROLES.filter((role) => mayMoveReferral(role, status, move));
    expect(movers('draft', 'sent')).toEqual(['coordinator']);
    expect(movers('sent', 'cancelled')).toEqual(['coordinator']);
    expect(movers('sent', 'accepted')).toEqual(['partner']);
    expect(movers('sent', 'declined')).toEqual(['partner']);
    expect(movers('in_progress', 'completed')).toEqual(['partner']);
    expect(movers('declined', 'reroute')).toEqual(['coordinator', 'caseworker']);
    // Partner staff never re-route: where a survivor goes next is the program's decision.
    expect(REFERRAL_STATUSES.some((s) => mayMoveReferral('partner', s, 'reroute'))).toBe(false);
  });

  it('answers nothing for a missing or unknown role, or a final status', () => {
    expect(referralMovesFor(undefined, 'draft')).toEqual([]);
    expect(referralMovesFor(null, 'sent')).toEqual([]);
    expect(referralMovesFor('toString' as never, 'sent')).toEqual([]);
    expect(referralMovesFor('coordinator', 'constructor' as never)).toEqual([]);
    for (const role of ROLES) for (const status of ['completed', 'cancelled'] as const) expect(referralMovesFor(role, status)).toEqual([]);
  });
});
