import type { CaseResponse, Role } from '@lantern/contracts';
import { useCan } from '../common/use-can';
import { useSession } from '../providers/session';

/** What this person may see and do on one case, from the rules of /auth/me (courtesy; the API decides). */
export interface CaseAccess {
  role: Role | undefined;
  /** The case's content (risk, referral source, survivor) and not only its status fields. */
  readsContent: boolean;
  isAssigned: boolean;
  editDetails: boolean;
  changeStatus: boolean;
  reopen: boolean;
  assign: boolean;
  intake: { read: boolean; create: boolean; update: boolean };
  consent: { read: boolean; create: boolean; revoke: boolean };
  notes: { read: boolean; create: boolean };
  referrals: { read: boolean; create: boolean };
  /** The service plan, its goals and tasks; `manage` is false on a closed case (read-only). */
  plan: { read: boolean; manage: boolean };
  /** Outcome assessments; on a closed case only follow-up stages may still be added. */
  outcomes: { read: boolean; create: boolean };
  closed: boolean;
  breakGlass: boolean;
}

export function useCaseAccess(record: Partial<CaseResponse> | undefined): CaseAccess {
  const can = useCan();
  const session = useSession();
  const role = session?.me.user.role;
  const caseId = record?.id;
  const survivorId = record?.survivorId;
  const onCase = caseId ? { caseId } : undefined;
  const onSurvivor = survivorId ? { survivorId, caseId } : undefined;
  const changeStatus = Boolean(record && can('update', 'Case', record, 'status'));
  // A closed case is kept as it was closed: nothing new is added to it but follow-up assessments
  // (the API refuses the rest too); a consent can still be revoked, which is the survivor's right.
  const closed = record?.status === 'closed';
  const open = !closed;
  return {
    role,
    readsContent: Boolean(record && Object.hasOwn(record, 'survivorId')),
    isAssigned: Boolean(record?.assignedCaseworkerId && record.assignedCaseworkerId === session?.me.user.id),
    editDetails: open && Boolean(record && can('update', 'Case', record, 'riskLevel')),
    changeStatus,
    // Reopening a closed case is a coordinator's decision (the API enforces it too).
    reopen: changeStatus && role === 'coordinator',
    assign: Boolean(record && can('update', 'Case', record, 'assignedCaseworkerId')),
    intake: {
      read: Boolean(onCase && can('read', 'Intake', onCase)),
      create: open && Boolean(onCase && can('create', 'Intake', onCase)),
      update: open && Boolean(onCase && can('update', 'Intake', onCase)),
    },
    consent: {
      read: Boolean(onSurvivor && can('read', 'Consent', onSurvivor)),
      create: open && Boolean(onSurvivor && can('create', 'Consent', onSurvivor)),
      revoke: Boolean(onSurvivor && can('update', 'Consent', onSurvivor, 'revokedAt')),
    },
    notes: {
      // Coordinators read unrestricted notes only: asking about an unrestricted one says whether the tab shows.
      read: Boolean(onCase && can('read', 'CaseNote', { ...onCase, restricted: false })),
      create: open && Boolean(onCase && can('create', 'CaseNote', onCase)),
    },
    referrals: {
      read: Boolean(onCase && can('read', 'Referral', onCase)),
      create: open && Boolean(onCase && can('create', 'Referral', onCase)),
    },
    plan: {
      read: Boolean(onCase && can('read', 'ServicePlan', onCase)),
      manage: open && Boolean(onCase && can('update', 'ServicePlan', onCase)),
    },
    outcomes: {
      read: Boolean(onCase && can('read', 'OutcomeAssessment', onCase)),
      create: Boolean(onCase && can('create', 'OutcomeAssessment', onCase)),
    },
    closed,
    breakGlass: can('create', 'BreakGlassGrant'),
  };
}
