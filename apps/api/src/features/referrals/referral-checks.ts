/**
 * The checks the moves of the referral workflow share (referral-workflow.ts, referral-draft.ts,
 * referral-reroute.ts): how a move is refused, the partner a referral may go to, a closed case, a
 * move the state machine does not allow, and the consent gate of a send. Pure.
 */
import { REFERRAL_TRANSITIONS, type ReferralStatus, type ServiceType, type ShareableSurvivorField } from '@lantern/contracts';
import { closedCaseError } from '../../case-file/case-status.js';
import { DomainError, badRequest } from '../../kernel/http/domain-error.js';
import type { AuditEntry, ConsentFacts, PartnerFacts, ReferralRefusal } from './referral-workflow.types.js';

export const refuse = (error: DomainError, audit: AuditEntry | null = null): ReferralRefusal => ({ ok: false, error, audit });
export const denied = (referralId: string, fields: string[], reason: string): AuditEntry => ({
  action: 'denied',
  outcome: 'denied',
  subjectType: 'Referral',
  subjectId: referralId,
  fields,
  reason,
});

/** A send while required custom fields are empty (`custom.<key>`): 422 naming each. */
export function incomplete(missing: Record<string, string[]> | undefined): DomainError | null {
  if (!missing || Object.keys(missing).length === 0) return null;
  return new DomainError('REFERRAL_INCOMPLETE', `The referral needs these before it is sent: ${Object.keys(missing).join(', ')}`, missing);
}

/** A fact the move needs that the context lacks: a mistake of the caller, which looks up only what a move needs. */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`referral workflow: the context lacks ${what}`);
  return value;
}

/**
 * The partner must be one of the organization's, active, accepting referrals and offering the
 * service. Shared by creating, editing, sending and re-routing.
 */
export function partnerProblem(partner: PartnerFacts | null, serviceType: ServiceType): DomainError | null {
  if (!partner) return badRequest('partnerOrgId', 'is not a partner organization of yours');
  if (!partner.active) return badRequest('partnerOrgId', 'is inactive');
  if (!partner.acceptingReferrals) return badRequest('partnerOrgId', 'is not accepting referrals');
  if (!partner.serviceTypes.includes(serviceType)) return badRequest('serviceType', `is not offered by ${partner.name}`);
  return null;
}

/** A closed case takes no new, sent or re-routed referral: the 409 every change to a closed case answers. */
export function caseClosed(): DomainError {
  return closedCaseError('referrals can no longer be drafted, sent or re-routed for it');
}

/** The 409 of a move the state machine does not allow, naming the moves it does. */
export function invalidMove(from: ReferralStatus, to: string): DomainError {
  const allowed = REFERRAL_TRANSITIONS[from];
  return new DomainError(
    'REFERRAL_INVALID_TRANSITION',
    allowed.length ? `A referral cannot go from ${from} to ${to}; allowed: ${allowed.join(', ')}` : `A ${from} referral is final`,
    { to: [allowed.length ? `must be one of ${allowed.join(', ')}` : 'no further moves'] },
  );
}

/** The consent gate of a send: every shared field covered by a live consent, or a coordinator's written override. */
export function consentGate(
  sharedFields: readonly ShareableSurvivorField[],
  coverage: ConsentFacts,
  overrideReason: string | undefined,
): DomainError | { consentId: string | null; consentOverrideReason: string | null } {
  if (sharedFields.length === 0) return badRequest('sharedFields', 'must name what the partner may see');
  const missing = sharedFields.filter((f) => !coverage.covered.has(f));
  if (missing.length > 0 && !overrideReason) {
    // Exactly the fields no live consent covers; `consent` only when there is no live consent at all
    // (a live one that covers less is not "no consent": the web app says which details it lacks).
    return new DomainError(
      'REFERRAL_CONSENT_MISSING',
      coverage.consentId
        ? `The survivor's live consent for this partner does not cover: ${missing.join(', ')}`
        : `There is no live consent to share with this partner organization; not covered: ${missing.join(', ')}`,
      {
        ...(coverage.consentId ? {} : { consent: ['there is no live consent to share with this partner organization'] }),
        sharedFields: [`not covered by a live consent: ${missing.join(', ')}`],
      },
    );
  }
  return { consentId: coverage.consentId, consentOverrideReason: missing.length > 0 ? overrideReason! : null };
}
