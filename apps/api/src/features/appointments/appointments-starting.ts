import type { AppointmentKind } from '@lantern/contracts';
import type { EntityManager } from 'typeorm';

/** What the reminders need of an appointment: no note, no partner, nothing of the survivor. */
export interface AppointmentStarting {
  appointmentId: string;
  caseId: string;
  caseNumber: string;
  attendeeUserIds: string[];
  startsAt: Date;
  kind: AppointmentKind;
}

/**
 * The scheduled appointments starting in [from, to), every organization, for a system job (the
 * next-day reminders of issue 14). Not a read on anyone's behalf, so not scoped by a person's rules:
 * whoever notifies an attendee must still check, as that attendee, that they may read the case before
 * naming it.
 */
export async function appointmentsStartingBetween(manager: EntityManager, from: Date, to: Date): Promise<AppointmentStarting[]> {
  const rows = (await manager.query(
    `SELECT a.id, a.case_id, c.case_number, a.starts_at, a.kind,
            COALESCE(array_agg(aa.user_id ORDER BY aa.created_at) FILTER (WHERE aa.user_id IS NOT NULL), '{}') AS attendees
       FROM appointment a
       JOIN survivor_case c ON c.id = a.case_id
       LEFT JOIN appointment_attendee aa ON aa.appointment_id = a.id
      WHERE a.status = 'scheduled' AND a.starts_at >= $1 AND a.starts_at < $2
      GROUP BY a.id, c.case_number
      ORDER BY a.starts_at, a.id`,
    [from, to],
  )) as { id: string; case_id: string; case_number: string; starts_at: Date; kind: AppointmentKind; attendees: string[] | string }[];
  return rows.map((r) => ({
    appointmentId: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    attendeeUserIds: parseUuidArray(r.attendees),
    startsAt: new Date(r.starts_at),
    kind: r.kind,
  }));
}

/** pg parses uuid[] into an array; PGlite over the wire may hand back the text form `{a,b}`. */
function parseUuidArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',');
}
