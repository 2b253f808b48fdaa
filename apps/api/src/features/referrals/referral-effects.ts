/**
 * What follows a move of the referral workflow besides its row (referral-workflow.ts): who hears of
 * it, what a send records on the case, and which calls to act a handled referral clears. Pure.
 */
import { SERVICE_TYPE_LABELS, SERVICE_TYPE_LABELS_ES, type NotificationKind, type ReferralStatus, type ServiceType } from '@lantern/contracts';
import { need } from './referral-checks.js';
import type { AuditEntry, NotificationPlan, Recipient, ReferralRequest, ReferralState, WorkflowContext } from './referral-workflow.types.js';

const serviceName = (serviceType: ServiceType) => ({ en: SERVICE_TYPE_LABELS[serviceType].toLowerCase(), es: SERVICE_TYPE_LABELS_ES[serviceType].toLowerCase() });
const URGENCY_ES: Record<string, string> = { urgent: 'urgente', emergency: 'de emergencia' };

/** The audit and notification of a send (a draft sent, or a re-route sent at once). */
export function sendEffects(
  referral: ReferralRequest,
  consentOverrideReason: string | null,
): { audit: AuditEntry[]; notification: NotificationPlan } {
  const audit: AuditEntry[] = [];
  if (consentOverrideReason) {
    // Visible on the case: the override is recorded against the case as well.
    audit.push({
      action: 'update',
      subjectType: 'Case',
      subjectId: referral.caseId,
      fields: ['referrals'],
      reason: `referral sent without covering consent: ${consentOverrideReason}`,
    });
  }
  return {
    audit,
    notification: {
      organizationId: referral.organizationId,
      kind: 'referral_received',
      title: {
        en: `New ${serviceName(referral.serviceType).en} referral${referral.urgency === 'routine' ? '' : ` (${referral.urgency})`}`,
        es: `Nueva derivación: ${serviceName(referral.serviceType).es}${referral.urgency === 'routine' ? '' : ` (${URGENCY_ES[referral.urgency] ?? referral.urgency})`}`,
      },
      referralId: referral.id,
      recipients: [{ role: 'partner', partnerOrgId: referral.partnerOrgId }],
    },
  };
}

/** The one text of a withdrawal, told to the partner of a referral cancelled after it was sent. */
export function withdrawn(referral: ReferralState): NotificationPlan {
  return {
    organizationId: referral.organizationId,
    kind: 'referral_update',
    title: {
      en: `A ${serviceName(referral.serviceType).en} referral was withdrawn`,
      es: `Se retiró una derivación de ${serviceName(referral.serviceType).es}`,
    },
    referralId: referral.id,
    recipients: [{ role: 'partner', partnerOrgId: referral.partnerOrgId }],
  };
}

/** Who hears of a move: the partner of a send or a withdrawal, the program of the partner's answers and work. */
export function statusNotifications(referral: ReferralState, to: ReferralStatus, context: WorkflowContext): NotificationPlan[] {
  const kase = context.case;
  const caseworker: Recipient[] = kase.assignedCaseworkerId ? [{ userId: kase.assignedCaseworkerId }] : [];
  const service = serviceName(referral.serviceType);
  const partnerName = () => need(context.partner ?? undefined, "the referral's partner").name;
  switch (to) {
    case 'sent':
      return [sendEffects(referral, null).notification];
    case 'accepted':
    case 'declined':
      return [
        {
          organizationId: referral.organizationId,
          kind: 'referral_response',
          title: {
            en: `${partnerName()} ${to} the ${service.en} referral for ${kase.caseNumber}`,
            es: `${partnerName()} ${to === 'accepted' ? 'aceptó' : 'rechazó'} la derivación de ${service.es} del caso ${kase.caseNumber}`,
          },
          referralId: referral.id,
          caseId: referral.caseId,
          recipients: [{ role: 'coordinator' }, ...caseworker],
        },
      ];
    case 'in_progress':
    case 'completed':
      return [
        {
          organizationId: referral.organizationId,
          kind: 'referral_update',
          title: {
            en: `${partnerName()} ${to === 'completed' ? 'completed' : 'started'} the ${service.en} referral for ${kase.caseNumber}`,
            es: `${partnerName()} ${to === 'completed' ? 'completó' : 'comenzó'} la derivación de ${service.es} del caso ${kase.caseNumber}`,
          },
          referralId: referral.id,
          caseId: referral.caseId,
          recipients: caseworker,
        },
      ];
    case 'cancelled':
      // A draft was never sent: the partner knows nothing of it.
      return referral.status === 'draft' ? [] : [withdrawn(referral)];
    default:
      return [];
  }
}

/** The moves that handle a referral: after them, nobody is still asked to act on it. */
export const HANDLED: readonly ReferralStatus[] = ['accepted', 'declined', 'cancelled', 'completed'];
/**
 * The notifications that ask someone to act on a referral: the partner's "new referral" (answer it)
 * and the program's "no answer in 48 hours" (chase it). What tells of a move (a response, an update)
 * stays until its reader has seen it.
 */
export const CALLS_TO_ACT: readonly NotificationKind[] = ['referral_received', 'referral_overdue'];
