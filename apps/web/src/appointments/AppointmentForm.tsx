import { APPOINTMENT_KINDS, APPOINTMENT_MAX_MINUTES, APPOINTMENT_NOTE_MAX, type AppointmentKind, type AppointmentResponse } from '@lantern/contracts';
import { Box, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import { FormDialog } from '../common/FormDialog';
import { formatNumber } from '../common/labels';
import { useSession } from '../providers/session';
import { appointmentsApi, KIND_KEYS, toLocalInput } from './appointments-api';

const DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240, 480];

/** The next whole hour, as a sensible first time for a new appointment. */
function nextHour(): Date {
  const d = new Date();
  d.setHours(d.getHours() + 1, 0, 0, 0);
  return d;
}

interface StaffOption {
  id: string;
  displayName: string;
  role: string;
}

/**
 * A new appointment of a case, or a change of one. Times are entered and shown in the reader's time
 * zone and sent in UTC. The answer may carry a warning about overlapping appointments of the attendees
 * (`conflicts`), which the caller shows: an overlap is never refused.
 */
export function AppointmentForm({
  caseId,
  appointment,
  onClose,
  onSaved,
}: {
  caseId: string;
  appointment?: AppointmentResponse;
  onClose: () => void;
  onSaved: (saved: AppointmentResponse) => void;
}) {
  const translate = useTranslate();
  const session = useSession();
  const me = session?.me.user;
  const coordinator = me?.role === 'coordinator';
  const [startsAt, setStartsAt] = useState(toLocalInput(appointment ? new Date(appointment.startsAt) : nextHour()));
  const [duration, setDuration] = useState(String(appointment?.durationMinutes ?? 60));
  const [kind, setKind] = useState<AppointmentKind>(appointment?.kind ?? 'meeting');
  const [partnerOrgId, setPartnerOrgId] = useState(appointment?.partnerOrgId ?? '');
  const [attendees, setAttendees] = useState<string[]>(appointment?.attendeeUserIds ?? (me ? [me.id] : []));
  const [note, setNote] = useState(appointment?.note ?? '');

  const { data: partners = [] } = useGetList<{ id: string; name: string }>('partner-orgs', {
    filter: { active: true },
    sort: { field: 'name', order: 'ASC' },
    pagination: { page: 1, perPage: 100 },
  });
  // Coordinators choose among the team; a caseworker reads only her own user record, so she attends herself.
  const { data: staff = [] } = useGetList<StaffOption>(
    'users',
    { filter: { active: true }, sort: { field: 'displayName', order: 'ASC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: coordinator },
  );
  const team = staff.filter((u) => u.role === 'caseworker' || u.role === 'coordinator');

  const minutes = Number(duration);
  const time = new Date(startsAt).getTime();
  const ready = Boolean(startsAt) && !Number.isNaN(time) && Number.isInteger(minutes) && minutes >= 1 && minutes <= APPOINTMENT_MAX_MINUTES && attendees.length > 0 && note.length <= APPOINTMENT_NOTE_MAX;

  const save = async (): Promise<void> => {
    const body = {
      startsAt: new Date(startsAt).toISOString(),
      durationMinutes: minutes,
      kind,
      partnerOrgId: partnerOrgId || null,
      attendeeUserIds: attendees,
      note: note.trim() ? note : null,
    };
    const saved = appointment
      ? await appointmentsApi.update(appointment.id, { ...body, version: appointment.version })
      : await appointmentsApi.create({ ...body, caseId });
    onSaved(saved);
  };

  return (
    <FormDialog
      title={translate(appointment ? 'lantern.appointments.editTitle' : 'lantern.appointments.addTitle')}
      submitLabel={translate('lantern.appointments.save')}
      ready={ready}
      onSubmit={save}
      onClose={onClose}
    >
      {(fieldError) => (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, pt: 1 }}>
          <TextField
            label={translate('resources.appointments.fields.startsAt')}
            type="datetime-local"
            value={startsAt}
            onChange={(event) => setStartsAt(event.target.value)}
            required
            error={Boolean(fieldError('startsAt'))}
            helperText={fieldError('startsAt') ?? translate('lantern.appointments.localTime')}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            select
            label={translate('resources.appointments.fields.durationMinutes')}
            value={duration}
            onChange={(event) => setDuration(event.target.value)}
            error={Boolean(fieldError('durationMinutes'))}
            helperText={fieldError('durationMinutes')}
          >
            {[...new Set([...DURATIONS, minutes])].filter((m) => Number.isInteger(m) && m > 0).sort((a, b) => a - b).map((m) => (
              <MenuItem key={m} value={String(m)}>
                {translate('lantern.appointments.minutes', { smart_count: m, count: formatNumber(m) })}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            label={translate('resources.appointments.fields.kind')}
            value={kind}
            onChange={(event) => setKind(event.target.value as AppointmentKind)}
            error={Boolean(fieldError('kind'))}
            helperText={fieldError('kind')}
          >
            {APPOINTMENT_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {translate(KIND_KEYS[k])}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            select
            label={translate('resources.appointments.fields.partnerOrgId')}
            value={partnerOrgId}
            onChange={(event) => setPartnerOrgId(event.target.value)}
            error={Boolean(fieldError('partnerOrgId'))}
            helperText={fieldError('partnerOrgId')}
          >
            <MenuItem value="">{translate('lantern.appointments.noPartner')}</MenuItem>
            {partners.map((p) => (
              <MenuItem key={p.id} value={p.id}>
                {p.name}
              </MenuItem>
            ))}
          </TextField>
          {coordinator && (
            <TextField
              select
              label={translate('resources.appointments.fields.attendeeUserIds')}
              value={attendees}
              onChange={(event) => {
                const value = event.target.value as unknown as string[] | string;
                setAttendees(typeof value === 'string' ? value.split(',') : value);
              }}
              slotProps={{ select: { multiple: true, renderValue: (ids) => team.filter((u) => (ids as string[]).includes(u.id)).map((u) => u.displayName).join(', ') } }}
              error={attendees.length === 0 || Boolean(fieldError('attendeeUserIds'))}
              helperText={fieldError('attendeeUserIds') ?? (attendees.length === 0 ? translate('lantern.appointments.attendeeNeeded') : undefined)}
              sx={{ gridColumn: { sm: '1 / -1' } }}
            >
              {team.map((u) => (
                <MenuItem key={u.id} value={u.id}>
                  {u.displayName}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField
            label={translate('resources.appointments.fields.note')}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            multiline
            minRows={2}
            maxRows={8}
            error={note.length > APPOINTMENT_NOTE_MAX || Boolean(fieldError('note'))}
            helperText={fieldError('note') ?? translate('lantern.appointments.noteHelp')}
            autoComplete="off"
            sx={{ gridColumn: { sm: '1 / -1' } }}
          />
        </Box>
      )}
    </FormDialog>
  );
}
