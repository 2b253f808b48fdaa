/**
 * Erasure and retention (issue 16, parts 4 and 5): a survivor anonymized on request, with a second admin's
 * approval, or by the retention job once all her cases are closed and past the organization's period.
 * docs/retention.md. Times are ISO 8601, UTC; nothing here names a survivor.
 */
export const ERASURE_REQUEST_STATUSES = ['pending', 'completed', 'rejected'] as const;
export type ErasureRequestStatus = (typeof ERASURE_REQUEST_STATUSES)[number];

/** The years an organization keeps closed cases after their last activity: 7 unless an admin changes it. */
export const RETENTION_DEFAULT_YEARS = 7;
export const RETENTION_MIN_YEARS = 1;
export const RETENTION_MAX_YEARS = 50;
/** How far ahead the preview looks. */
export const RETENTION_PREVIEW_DAYS = 30;

export interface ErasureRequestResponse {
  id: string;
  survivorId: string;
  /** Her cases' numbers, so admins know which file is meant without a name. */
  caseNumbers: string[];
  requestedBy: string;
  requestedByName: string | null;
  requestedAt: string;
  reason: string;
  status: ErasureRequestStatus;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  completedAt: string | null;
  version: number;
}

export interface RetentionPolicyResponse {
  closedCaseYears: number;
  updatedAt: string | null;
  version: number;
}

export interface RetentionPreviewCase {
  caseId: string;
  caseNumber: string;
  closedAt: string | null;
  lastActivityAt: string;
  /** When the retention job will anonymize it (last activity + the period). */
  dueOn: string;
}

export interface RetentionPreviewResponse {
  closedCaseYears: number;
  /** Cases due within RETENTION_PREVIEW_DAYS (or overdue), not held. */
  cases: RetentionPreviewCase[];
  survivors: number;
  /** Of those survivors, the ones with no case at all (due by their record's last activity; no case to list). */
  withoutCase: number;
  /** Cases that would be due but are on legal hold: never purged while held. */
  held: number;
}

export interface LegalHoldResponse {
  id: string;
  caseId: string;
  caseNumber: string;
  reason: string;
  placedBy: string;
  placedByName: string | null;
  placedAt: string;
  liftedBy: string | null;
  liftedAt: string | null;
  liftReason: string | null;
  active: boolean;
  version: number;
}

export const PURGE_KINDS = ['retention', 'request'] as const;
export type PurgeKind = (typeof PURGE_KINDS)[number];

/** What one anonymization run did: counts and case numbers only. */
export interface PurgeRunResponse {
  id: string;
  kind: PurgeKind;
  ranAt: string;
  survivors: number;
  cases: number;
  caseNumbers: string[];
}
