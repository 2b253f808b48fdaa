import type { AppointmentKind, AppointmentResponse, CalendarFeedResponse } from '@lantern/contracts';
import { api } from '../providers/http';

export interface AppointmentBody {
  caseId?: string;
  startsAt: string;
  durationMinutes: number;
  kind: AppointmentKind;
  partnerOrgId: string | null;
  attendeeUserIds: string[];
  note: string | null;
}

const path = (id: string) => encodeURIComponent(id);

/** Writes go straight to the API (the answer carries the overlap warning); reads use react-admin's lists. */
export const appointmentsApi = {
  create: (body: AppointmentBody) => api<AppointmentResponse>('/appointments', { method: 'POST', body }),
  update: (id: string, body: Omit<AppointmentBody, 'caseId'> & { version: number }) =>
    api<AppointmentResponse>(`/appointments/${path(id)}`, { method: 'PUT', body }),
  cancel: (id: string, version: number) => api<AppointmentResponse>(`/appointments/${path(id)}/cancel`, { method: 'POST', body: { version } }),
};

export const calendarFeedApi = {
  status: () => api<CalendarFeedResponse>('/calendar-feed'),
  create: () => api<CalendarFeedResponse>('/calendar-feed', { method: 'POST' }),
  revoke: () => api<CalendarFeedResponse>('/calendar-feed', { method: 'DELETE' }),
};

export const KIND_KEYS: Record<AppointmentKind, string> = {
  meeting: 'lantern.appointments.kinds.meeting',
  court: 'lantern.appointments.kinds.court',
  medical: 'lantern.appointments.kinds.medical',
  housing_viewing: 'lantern.appointments.kinds.housing_viewing',
  other: 'lantern.appointments.kinds.other',
};

/** Midnight at the start of a day, in the reader's time zone. */
export function startOfDay(date: Date): Date {
  const d = new Date(date);
  d.setHours(0, 0, 0, 0);
  return d;
}

/** The Monday of the week of `date` (ISO weeks), at local midnight. */
export function startOfWeek(date: Date): Date {
  const d = startOfDay(date);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}

export function addDays(date: Date, days: number): Date {
  const d = new Date(date);
  d.setDate(d.getDate() + days);
  return d;
}

/** A value for <input type="datetime-local">, in the reader's time zone. */
export function toLocalInput(date: Date): string {
  const d = new Date(date);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export type { AppointmentResponse };
