import { asSubject, type Action, type SubjectType } from '@lantern/permissions';
import type { Session } from './session';

/** react-admin resources and the CASL subject each one shows. */
export const RESOURCE_SUBJECTS = {
  'partner-orgs': 'PartnerOrg',
  users: 'User',
  'audit-events': 'AuditEvent',
} as const satisfies Record<string, SubjectType>;

export type ResourceName = keyof typeof RESOURCE_SUBJECTS;

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
  return true;
}
