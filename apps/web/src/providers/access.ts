import type { Role } from '@lantern/contracts';
import { asSubject, type Action, type SubjectType } from '@lantern/permissions';
import type { Session } from './session';

/** react-admin resources and the CASL subject each one shows. */
export const RESOURCE_SUBJECTS = {
  cases: 'Case',
  survivors: 'Survivor',
  intakes: 'Intake',
  consents: 'Consent',
  'case-notes': 'CaseNote',
  referrals: 'Referral',
  'partner-orgs': 'PartnerOrg',
  users: 'User',
  'audit-events': 'AuditEvent',
  'break-glass-grants': 'BreakGlassGrant',
  'service-plans': 'ServicePlan',
  goals: 'Goal',
  tasks: 'Task',
  outcomes: 'OutcomeAssessment',
  appointments: 'Appointment',
  contacts: 'Contact',
  /** Issue 18: admins only (a capability, not a record). */
  'custom-fields': 'CustomFields',
} as const satisfies Record<string, SubjectType>;

export type ResourceName = keyof typeof RESOURCE_SUBJECTS;

/**
 * Lists offered only to some roles although the rules let others read single records. Break-glass
 * rules give admins a (usually empty) "read Survivor" rule, which is no reason for a survivor list in
 * their menu; caseworkers see the emergency accesses to their survivors in each case's history, and
 * the access log is the screen of those who open files (admins, coordinators).
 */
const LIST_ROLES: Partial<Record<ResourceName, readonly Role[]>> = {
  survivors: ['caseworker', 'coordinator'],
  // The board is the coordinator's, the inbox the partner's; caseworkers follow theirs on each case.
  referrals: ['coordinator', 'partner'],
  'break-glass-grants': ['admin', 'coordinator'],
};

const ACTIONS: Record<string, Action> = {
  list: 'read',
  show: 'read',
  read: 'read',
  create: 'create',
  clone: 'create',
  edit: 'update',
  update: 'update',
  delete: 'delete',
  export: 'export',
};

function subjectOf(resource: string): SubjectType | undefined {
  return Object.hasOwn(RESOURCE_SUBJECTS, resource) ? RESOURCE_SUBJECTS[resource as ResourceName] : undefined;
}

/**
 * Records from the API are already scoped to the user's organization, and some roles do not get the
 * `organizationId` field back; the rules are conditioned on it, so it is filled in for the check.
 */
function inOwnOrganization(session: Session, record: object): Record<string, unknown> {
  return { organizationId: session.me.user.organizationId, ...record };
}

/** May this person do `action` on this subject type, or on this record (and this field)? UX only. */
export function can(session: Session, action: Action, type: SubjectType, record?: object, field?: string): boolean {
  const target = record ? asSubject(type, inOwnOrganization(session, record)) : type;
  return session.ability.can(action, target, field);
}

/** Whether every rule that lets this person read `type` pins it to their own user record. */
function readsOnlySelf(session: Session, type: SubjectType): boolean {
  const rules = session.ability.rulesFor('read', type);
  return (
    rules.length > 0 &&
    rules.every((rule) => {
      const conditions = rule.conditions as Record<string, unknown> | undefined;
      return !rule.inverted && conditions?.id === session.me.user.id;
    })
  );
}

/** react-admin's canAccess, from the same CASL rules the API enforces. */
export function canAccessResource(
  session: Session,
  params: { action: string; resource: string; record?: object },
): boolean {
  const type = subjectOf(params.resource);
  const action = Object.hasOwn(ACTIONS, params.action) ? ACTIONS[params.action] : undefined;
  if (!type || !action) return false;
  // Until an admin has enrolled a second factor the API refuses everything else.
  if (session.me.mfaEnrolmentRequired) return false;
  if (!can(session, action, type, params.record)) return false;
  // A "list" of one's own user record is the account page, not a directory.
  if (params.action === 'list' && readsOnlySelf(session, type)) return false;
  const listRoles = LIST_ROLES[params.resource as ResourceName];
  if (params.action === 'list' && listRoles && !listRoles.includes(session.me.user.role)) return false;
  return true;
}
