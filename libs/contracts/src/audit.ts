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
  /** A name search of survivors: its inputs only as blind-index hashes, never the name (issue 11). */
  'search',
  /** An admin reset another user's second factor (issue 11). */
  'mfa_reset',
  /** Invitations (issue 14): sent, sent again with a new link, revoked, accepted (the account is created). */
  'invite',
  'invite_resend',
  'invite_revoke',
  'invite_accept',
  /** A password reset by e-mailed link (issue 14): asked for (only when the account exists), then done. */
  'password_reset_request',
  'password_reset',
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
  /**
   * The subject by name, as the reader's organization knows it: a person's display name, a partner's
   * name, or the case number of a survivor-file record (never a survivor's name or alias); null when
   * there is none to give.
   */
  subjectLabel: string | null;
  /** For a list read: every record it returned. */
  subjectIds: string[] | null;
  fields: string[];
  outcome: AuditOutcome;
  requestId: string | null;
  ip: string | null;
  reason: string | null;
}

/**
 * `GET /audit-chain` (admins): the last verification of the audit chains (the API's daily job or
 * `npm run audit:verify`) and the head of the admin's own organization's chain (docs/security-model.md,
 * audit anchor). Another organization's chain is never named: a problem there shows only as `elsewhere`.
 */
export interface AuditChainStatusResponse {
  verifiedAt: string | null;
  /** null until the first verification. */
  outcome: 'ok' | 'broken' | 'wrong_key' | null;
  rowsChecked: number | null;
  /** The fingerprint of the key the verification ran with (first 16 hex digits). */
  keyFingerprint: string | null;
  /** Wrong key: the fingerprint the chain records (null when the chain recorded none). */
  expectedFingerprint: string | null;
  /** Broken in this organization's chain: its first bad row. */
  firstBreak: { seq: string; id: string; problem: string | null } | null;
  /** Broken, or a wrong key, in another organization's chain of this installation. */
  elsewhere: boolean;
  /** This organization's chain head as verified: the last row's seq and hash. */
  head: { seq: string; hash: string } | null;
  /** Whether the heads reached the external anchor (file or URL): written, failed (retried next run), off. */
  anchor: 'written' | 'failed' | 'off' | null;
}
