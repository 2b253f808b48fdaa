/** Issue 14, appointments: what an appointment is for, and whether it still stands. */
export const APPOINTMENT_KINDS = ['meeting', 'court', 'medical', 'housing_viewing', 'other'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

export const APPOINTMENT_STATUSES = ['scheduled', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** An appointment lasts 1 minute to a day. */
export const APPOINTMENT_MAX_MINUTES = 1440;
export const APPOINTMENT_NOTE_MAX = 2_000;
/** At most this many staff attend one appointment. */
export const APPOINTMENT_MAX_ATTENDEES = 10;

export interface AppointmentResponse {
  id: string;
  organizationId?: string;
  caseId: string;
  caseNumber?: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  kind: AppointmentKind;
  partnerOrgId: string | null;
  attendeeUserIds: string[];
  /** Decrypted for those who may read it; absent otherwise. */
  note?: string | null;
  status: AppointmentStatus;
  cancelledAt: string | null;
  createdBy?: string | null;
  createdAt?: string;
  updatedAt?: string;
  version: number;
  /** On create and update only: the attendees' other scheduled appointments that overlap this one. */
  conflicts?: AppointmentConflict[];
}

/**
 * A warning, not a refusal: an attendee already has a scheduled appointment at that time. Only the
 * appointment's id, time and the attendee are named (never the case or the survivor: the other
 * appointment may belong to a case the reader may not see).
 */
export interface AppointmentConflict {
  appointmentId: string;
  attendeeUserId: string;
  startsAt: string;
  endsAt: string;
}

/** The caller's private calendar feed: whether one exists; the URL only in the answer that created it. */
export interface CalendarFeedResponse {
  active: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
  /**
   * Only in the answer to POST /calendar-feed: the feed's secret path (`/api/v1/calendar/<token>.ics`),
   * shown once (only its hash is stored); the web app puts its own origin in front.
   */
  path?: string;
}
