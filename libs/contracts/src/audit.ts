/** Actions recorded in the audit trail (docs/security-model.md, Audit trail). */
export const AUDIT_ACTIONS = [
  'create',
  'read',
  /** A list of survivor-file records: one row per request, naming every id it returned. */
  'list',
  /** Survivor fields shown to a partner organization (which fields, to whom, under which consent). */
  'disclose',
  'update',
  'delete',
  'transition',
  'login',
  'login_failed',
  'logout',
  'export',
  'denied',
  'break_glass',
  'step_up',
  'mfa_enrol',
  'mfa_disable',
  'password_change',
  'session_revoke',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEventResponse {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: AuditAction;
  subjectType: string | null;
  subjectId: string | null;
  /** For a list read: every record it returned. */
  subjectIds: string[] | null;
  fields: string[];
  outcome: AuditOutcome;
  requestId: string | null;
  ip: string | null;
  reason: string | null;
}
