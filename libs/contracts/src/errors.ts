/**
 * The one catalogue of the codes the Lantern API answers with (`ProblemDetails.code`): for each, its
 * HTTP status (a code always has the same status) and a default message for the person using
 * Lantern. The API sends a more specific message where it has one (the allowed moves, the missing
 * answers); the web app falls back on these when an answer carries none. Messages never contain
 * survivor data and speak the user's language, not the API's.
 */
export const ERROR_CODES = {
  // --- the request itself ------------------------------------------------------------------------
  VALIDATION_FAILED: { status: 400, message: 'Some of the information is missing or not valid. Check the highlighted fields.' },
  BAD_REQUEST: { status: 400, message: 'Lantern could not understand this request. Reload the page and try again.' },
  MALFORMED_BODY: { status: 400, message: 'Lantern could not read what was sent. Reload the page and try again.' },
  BODY_TOO_LARGE: { status: 413, message: 'What you sent is too large. Shorten it and try again.' },
  UNSUPPORTED_ENCODING: { status: 415, message: 'Lantern could not read what was sent: it is in a format Lantern does not accept.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'This page or action does not exist in Lantern' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This action is not possible here' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests in a short time. Wait a moment and try again.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'This request was already sent with different details. Reload the page and try again.' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: 'The same request is still being processed. Wait a moment and try again.' },
  CSRF_REFUSED: { status: 403, message: "This request did not come from Lantern's own pages. Reload Lantern and try again." },

  // --- records in general ------------------------------------------------------------------------
  NOT_FOUND: { status: 404, message: 'This record was not found, or you do not have access to it' },
  FORBIDDEN: { status: 403, message: 'You do not have permission to do this' },
  FORBIDDEN_FIELDS: { status: 403, message: 'You may not change some of the fields you sent' },
  STALE_VERSION: {
    status: 409,
    message: 'This record was changed by someone else since you opened it. Reload it and make your change again.',
  },
  CONFLICT: { status: 409, message: 'This conflicts with a record that already exists' },
  REFERENCE_INVALID: { status: 422, message: 'Something this refers to no longer exists. Reload the page and try again.' },
  CHECK_FAILED: { status: 422, message: 'These values do not fit together. Check them and try again.' },
  READ_BUDGET_EXCEEDED: {
    status: 429,
    message: 'You have opened more survivor records than usual in a short time. Wait a few minutes and try again.',
  },

  // --- signing in and the account ----------------------------------------------------------------
  AUTH_REQUIRED: { status: 401, message: 'Sign in to continue' },
  AUTH_SESSION_EXPIRED: { status: 401, message: 'Your session has ended. Sign in again.' },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: 'The e-mail address or password is not correct' },
  AUTH_THROTTLED: { status: 429, message: 'Too many attempts. Wait a few minutes and try again.' },
  AUTH_ORGANIZATION_PAUSED: { status: 403, message: "Your organization's access to Lantern is paused. Contact the organization you work with." },
  AUTH_MFA_REQUIRED: { status: 401, message: 'Enter the code from your authenticator app' },
  AUTH_MFA_INVALID: { status: 401, message: 'That code is not valid. Codes work once and change every 30 seconds.' },
  AUTH_MFA_ENROLMENT_REQUIRED: { status: 403, message: 'Set up two-step verification before you continue' },
  AUTH_STEP_UP_REQUIRED: { status: 403, message: 'Confirm your password to continue' },
  AUTH_STEP_UP_FAILED: { status: 400, message: 'That password or code is not correct' },
  CURRENT_PASSWORD_INCORRECT: { status: 400, message: 'The current password is not correct' },
  MFA_CODE_INVALID: { status: 400, message: 'That code is not valid. Enter the code your authenticator app shows now.' },
  MFA_ALREADY_ENABLED: { status: 409, message: 'Two-step verification is already on' },
  MFA_NOT_STARTED: { status: 409, message: 'Start the set-up of two-step verification first' },
  MFA_REQUIRED_FOR_ROLE: { status: 409, message: 'Administrators must keep two-step verification on' },
  LAST_ADMIN: { status: 409, message: 'This is the last active administrator; add another one first' },
  LINK_INVALID: { status: 410, message: 'This link no longer works: it was already used, replaced by a newer one, revoked, or it expired. Ask for a new one.' },
  INVITATION_EXISTS: { status: 409, message: 'This address already has an account or a pending invitation' },
  INVITATION_NOT_PENDING: { status: 409, message: 'This invitation was already accepted or revoked' },

  // --- cases and what belongs to them ------------------------------------------------------------
  CASE_CLOSED: { status: 409, message: 'This case is closed. A coordinator can reopen it.' },
  CASE_NOT_CLOSED: { status: 409, message: 'This case is not closed' },
  CASE_CLOSURE_BLOCKED: { status: 409, message: 'The case cannot be closed yet' },
  CASE_CLOSE_ENDPOINT: { status: 409, message: 'Close a case with the close action: it asks for the reason, the exit destination and the exit assessment' },
  CASE_REOPEN_ENDPOINT: { status: 409, message: 'Reopen a case with the reopen action and a reason' },
  CASE_INVALID_TRANSITION: { status: 409, message: 'The case cannot move to that status from the one it has now' },
  INTAKE_EXISTS: { status: 409, message: 'This case already has an intake' },
  INTAKE_SUBMITTED: { status: 409, message: 'This intake was submitted: record an amendment with a reason instead' },
  INTAKE_DRAFT: { status: 409, message: 'This intake is still a draft: edit it directly' },
  INTAKE_INCOMPLETE: { status: 422, message: 'The intake is not complete: fill in the required answers' },
  CONSENT_REVOKED: { status: 409, message: 'This consent was already revoked' },
  APPOINTMENT_CANCELLED: { status: 409, message: 'This appointment was cancelled: add a new one instead' },
  SERVICE_DELIVERY_VOIDED: { status: 409, message: 'This service entry was voided: log a new one instead' },
  CONTACT_VOIDED: { status: 409, message: 'This contact was voided: log a new one instead' },
  IMPORT_BUSY: { status: 409, message: 'This import is being checked or run: wait for it to finish' },
  IMPORT_NOT_MAPPED: { status: 409, message: 'Map the columns of this import first' },
  IMPORT_NOT_CHECKED: { status: 409, message: 'Run the dry run of this mapping before importing' },
  CONTACT_ALREADY_LINKED: { status: 409, message: 'This contact is already linked to a survivor' },
  IMMIGRATION_RELIEF_EXISTS: { status: 409, message: 'This case already has its immigration relief record: change it instead' },
  FUNDER_DATA_EXISTS: { status: 409, message: 'This case already has its funder data (HMIS) record: change it instead' },
  ASSESSMENT_STAGE_RECORDED: { status: 409, message: 'This assessment was already recorded; correct it instead' },
  PLAN_EXISTS: { status: 409, message: 'This case already has an active plan' },
  PLAN_READ_ONLY: { status: 409, message: 'Earlier plans are kept read-only' },
  PLAN_REVISION_CHANGED: { status: 409, message: 'The plan changed since you opened it; review it with the survivor again' },
  PLAN_ALREADY_AGREED: { status: 409, message: 'This revision was already agreed' },

  // --- referrals ---------------------------------------------------------------------------------
  REFERRAL_INVALID_TRANSITION: { status: 409, message: 'The referral cannot move to that status from the one it has now' },
  REFERRAL_CONSENT_MISSING: { status: 422, message: "The survivor's consent does not cover sharing these details with this partner" },
  REFERRAL_INCOMPLETE: { status: 422, message: 'The referral is not complete: fill in the details your organization requires before sending it' },
  REFERRAL_ALREADY_REROUTED: { status: 409, message: 'This referral was already re-routed; re-route the newer referral instead' },
  CASE_CLOSURE_REFERRALS_NOT_YOURS: { status: 409, message: 'Some open referrals of this case are not yours to cancel: ask a coordinator to cancel them, then close the case' },
  REFERRAL_NOT_DRAFT: { status: 409, message: 'Only drafts are edited; cancel and create a new referral instead' },

  // --- anonymized outcome metrics ----------------------------------------------------------------
  METRICS_PERIOD_NOT_FROZEN: { status: 422, message: 'This period cannot be released yet: late data may still arrive' },
  METRICS_BUDGET_EXCEEDED: { status: 422, message: 'This release needs more of the privacy budget than the year has left' },
  METRICS_RELEASE_NOT_READY: { status: 409, message: 'This release is not ready to download' },

  // --- funder reports ---------------------------------------------------------------------------
  REPORT_PERIOD_EMPTY: { status: 422, message: 'Nothing was recorded in this period: there is no report to download. Choose another period.' },
  // --- record export ----------------------------------------------------------------------------
  EXPORT_TOO_LARGE: { status: 422, message: 'This export would hold more than 10,000 records. Narrow the filters and export again.' },

  // --- Lantern itself ----------------------------------------------------------------------------
  SERVICE_UNAVAILABLE: { status: 503, message: 'Lantern cannot answer right now. Try again in a moment.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. The error has been logged.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** A code the API answers with. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Whether a code (from an API answer, say) is one of the catalogue's. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
