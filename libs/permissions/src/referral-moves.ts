import type { ReferralStatus, Role } from '@lantern/contracts';

/**
 * A move a person makes on a referral: to another status, or `reroute` (the referral is cancelled, or
 * left declined, and a new one goes to another partner, linked to it; `POST /referrals/:id/reroute`).
 */
export type ReferralMove = ReferralStatus | 'reroute';

/**
 * Which role may make which move of a referral, by the referral's status. The CASL rules say only
 * that a role may change a referral's `status`, not to what; the state machine itself (which moves a
 * referral allows at all) is REFERRAL_TRANSITIONS and REFERRAL_REROUTE_FROM in @lantern/contracts.
 * The API decides with this table (apps/api/src/features/referrals/referral-workflow.ts); the web app uses the
 * same table to offer only the moves the API will accept. A role that is not listed makes no move.
 */
export const REFERRAL_MOVES_BY_ROLE: Readonly<Partial<Record<Role, Readonly<Partial<Record<ReferralStatus, readonly ReferralMove[]>>>>>> = {
  // Coordinators run referrals: they send, cancel and re-route them.
  coordinator: {
    draft: ['sent', 'cancelled'],
    sent: ['cancelled', 'reroute'],
    accepted: ['cancelled', 'reroute'],
    in_progress: ['cancelled', 'reroute'],
    declined: ['reroute'],
  },
  // A caseworker withdraws her own request while it is still a draft, and asks for another partner
  // when one declined (a new draft; a coordinator sends it).
  caseworker: { draft: ['cancelled'], declined: ['reroute'] },
  // Partner staff answer and work the referrals sent to them.
  partner: { sent: ['accepted', 'declined'], accepted: ['in_progress'], in_progress: ['completed'] },
};

/** The moves this role may make on a referral in this status (none for an unknown role). */
export function referralMovesFor(role: Role | null | undefined, status: ReferralStatus): readonly ReferralMove[] {
  if (!role || !Object.hasOwn(REFERRAL_MOVES_BY_ROLE, role)) return [];
  const byStatus = REFERRAL_MOVES_BY_ROLE[role]!;
  return (Object.hasOwn(byStatus, status) ? byStatus[status] : undefined) ?? [];
}

/** Whether this role may make this move on a referral in this status. */
export function mayMoveReferral(role: Role | null | undefined, status: ReferralStatus, move: ReferralMove): boolean {
  return referralMovesFor(role, status).includes(move);
}
