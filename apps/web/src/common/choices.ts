import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  ROLE_LABELS,
  ROLES,
  SERVICE_TYPE_LABELS,
  SERVICE_TYPES,
  type AuditAction,
} from '@lantern/contracts';

export interface Choice {
  id: string;
  name: string;
}

export const SERVICE_TYPE_CHOICES: Choice[] = SERVICE_TYPES.map((id) => ({ id, name: SERVICE_TYPE_LABELS[id] }));

export const ROLE_CHOICES: Choice[] = ROLES.map((id) => ({ id, name: ROLE_LABELS[id] }));

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Created',
  read: 'Viewed',
  disclose: 'Shared with a partner',
  update: 'Changed',
  delete: 'Deleted',
  transition: 'Status change',
  login: 'Signed in',
  login_failed: 'Sign-in failed',
  logout: 'Signed out',
  export: 'Exported',
  denied: 'Denied',
  break_glass: 'Emergency access',
  step_up: 'Confirmed password',
  mfa_enrol: 'Two-step verification on',
  mfa_disable: 'Two-step verification off',
  password_change: 'Password changed',
  session_revoke: 'Session ended',
};

export const AUDIT_ACTION_CHOICES: Choice[] = AUDIT_ACTIONS.map((id) => ({ id, name: AUDIT_ACTION_LABELS[id] }));

export const AUDIT_OUTCOME_CHOICES: Choice[] = AUDIT_OUTCOMES.map((id) => ({ id, name: id[0].toUpperCase() + id.slice(1) }));

/** Record types that appear in the audit log, and the resource that shows each one. */
export const AUDIT_SUBJECTS: { id: string; name: string; resource?: string }[] = [
  { id: 'PartnerOrg', name: 'Partner organization', resource: 'partner-orgs' },
  { id: 'User', name: 'User', resource: 'users' },
  { id: 'Session', name: 'Session' },
];
