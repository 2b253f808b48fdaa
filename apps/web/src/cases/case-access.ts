import type { CasePermissions, CaseResponse, Role } from '@lantern/contracts';
import { useCan } from '../common/use-can';
import { useSession } from '../providers/session';

/**
 * What this person may see and do on one case: the file's tabs and actions as the API computed them
 * (CasePermissions, from relations the browser cannot see; `create` and `manage` also off on a closed
 * case), and the case's own actions from the rules of /auth/me (courtesy; the API decides).
 */
export interface CaseAccess extends CasePermissions {
  role: Role | undefined;
  /** The case's content (risk, referral source, survivor) and not only its status fields. */
  readsContent: boolean;
  isAssigned: boolean;
  editDetails: boolean;
  changeStatus: boolean;
  reopen: boolean;
  assign: boolean;
  closed: boolean;
  breakGlass: boolean;
}

export function useCaseAccess(record: Partial<CaseResponse> | undefined): CaseAccess {
  const can = useCan();
  const session = useSession();
  const role = session?.me.user.role;
  // What the API says this person may do with the file: it knows the relations the rules follow (the
  // case's caseworker, break-glass grants), which the browser does not. Absent on list rows.
  const p = record?.permissions;
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
    survivor: { read: Boolean(p?.survivor.read), update: Boolean(p?.survivor.update) },
    intake: { read: Boolean(p?.intake.read), create: open && Boolean(p?.intake.create), update: open && Boolean(p?.intake.update) },
    consent: { read: Boolean(p?.consent.read), create: open && Boolean(p?.consent.create), revoke: Boolean(p?.consent.revoke) },
    notes: { read: Boolean(p?.notes.read), create: open && Boolean(p?.notes.create) },
    referrals: { read: Boolean(p?.referrals.read), create: open && Boolean(p?.referrals.create) },
    plan: { read: Boolean(p?.plan.read), manage: open && Boolean(p?.plan.manage) },
    outcomes: { read: Boolean(p?.outcomes.read), create: Boolean(p?.outcomes.create) },
    closed,
    breakGlass: can('create', 'BreakGlassGrant'),
  };
}
