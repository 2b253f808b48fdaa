import type { ReferralStatus, Role } from '@lantern/contracts';

/**
 * Which role may make which move of a referral, as the API decides them (the CASL rules say only that
 * a role may change `status`, not to what). UX only: the API checks every move again.
 */
export const REFERRAL_MOVES_BY_ROLE: Partial<Record<Role, Partial<Record<ReferralStatus, readonly ReferralStatus[]>>>> = {
  coordinator: { draft: ['sent', 'cancelled'], sent: ['cancelled'], accepted: ['cancelled'], in_progress: ['cancelled'] },
  // A caseworker may withdraw their own request while it is still a draft.
  caseworker: { draft: ['cancelled'] },
  partner: { sent: ['accepted', 'declined'], accepted: ['in_progress'], in_progress: ['completed'] },
};

export function movesFor(role: Role | undefined, status: ReferralStatus): readonly ReferralStatus[] {
  return (role && REFERRAL_MOVES_BY_ROLE[role]?.[status]) || [];
}
