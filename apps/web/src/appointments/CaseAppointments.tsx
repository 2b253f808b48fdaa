import AddIcon from '@mui/icons-material/Add';
import type { AppointmentConflict, AppointmentResponse, CaseResponse } from '@lantern/contracts';
import { Alert, Button, FormControlLabel, Skeleton, Stack, Switch, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { Confirm, useGetList, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { useCan } from '../common/use-can';
import { toApiError } from '../providers/http';
import { useSession } from '../providers/session';
import { AppointmentCard, ConflictWarning } from './AppointmentCard';
import { AppointmentForm } from './AppointmentForm';
import { appointmentsApi, startOfDay } from './appointments-api';

/**
 * The case's appointments (issue 14): the upcoming ones, or all of them with the past and cancelled.
 * Whoever manages the case adds, changes and cancels them while the case is open; an overlap with
 * another appointment of an attendee is shown as a warning after saving, never refused.
 */
export function CaseAppointments() {
  const record = useRecordContext<CaseResponse>();
  const translate = useTranslate();
  const notify = useNotify();
  const session = useSession();
  const can = useCan();
  const [all, setAll] = useState(false);
  const [editing, setEditing] = useState<AppointmentResponse | 'new' | null>(null);
  const [cancelling, setCancelling] = useState<AppointmentResponse | null>(null);
  const [conflicts, setConflicts] = useState<AppointmentConflict[]>([]);
  const caseId = record?.id ?? '';
  // Today's start, fixed for the life of the tab so the list's query stays the same between renders.
  const today = useMemo(() => startOfDay(new Date()).toISOString(), []);
  const { data = [], total = 0, isPending, error, refetch } = useGetList<AppointmentResponse>(
    'appointments',
    {
      filter: all ? { caseId } : { caseId, status: 'scheduled', startsFrom: today },
      sort: { field: 'startsAt', order: all ? 'DESC' : 'ASC' },
      pagination: { page: 1, perPage: 50 },
    },
    { enabled: Boolean(caseId) },
  );
  if (!record) return null;
  const role = session?.me.user.role;
  const manages =
    record.status !== 'closed' &&
    can('create', 'Appointment') &&
    (role === 'coordinator' || (role === 'caseworker' && record.assignedCaseworkerId === session?.me.user.id));

  const saved = (appointment: AppointmentResponse): void => {
    setEditing(null);
    setConflicts(appointment.conflicts ?? []);
    notify('lantern.appointments.saved', { type: 'success' });
    void refetch();
  };

  const cancel = async (): Promise<void> => {
    if (!cancelling) return;
    try {
      await appointmentsApi.cancel(cancelling.id, cancelling.version);
      notify('lantern.appointments.cancelledNotice', { type: 'info' });
    } catch (caught) {
      notify(toApiError(caught).message, { type: 'error' });
    }
    setCancelling(null);
    void refetch();
  };

  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' } }}>
        <Typography variant="subtitle1" component="h3" sx={{ flex: 1, fontWeight: 600 }}>
          {translate(all ? 'lantern.appointments.allOfCase' : 'lantern.appointments.upcoming')}
        </Typography>
        <FormControlLabel control={<Switch checked={all} onChange={(event) => setAll(event.target.checked)} />} label={translate('lantern.appointments.showAll')} />
        {manages && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
            {translate('lantern.appointments.add')}
          </Button>
        )}
      </Stack>
      <ConflictWarning conflicts={conflicts} onClose={() => setConflicts([])} />
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={80} />
      ) : data.length === 0 ? (
        <Alert severity="info" variant="outlined">
          {translate('lantern.appointments.noneForCase')}
        </Alert>
      ) : (
        <Stack spacing={1} aria-label={translate('resources.appointments.name', { smart_count: total })}>
          {data.map((appointment) => (
            <AppointmentCard
              key={appointment.id}
              appointment={appointment}
              showDate
              heading="h4"
              onEdit={manages ? () => setEditing(appointment) : undefined}
              onCancel={manages ? () => setCancelling(appointment) : undefined}
            />
          ))}
        </Stack>
      )}
      {editing && (
        <AppointmentForm caseId={caseId} appointment={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onSaved={saved} />
      )}
      <Confirm
        isOpen={cancelling !== null}
        title="lantern.appointments.cancelTitle"
        content="lantern.appointments.cancelText"
        confirm="lantern.appointments.cancel"
        cancel="lantern.appointments.keep"
        onConfirm={() => void cancel()}
        onClose={() => setCancelling(null)}
      />
    </Stack>
  );
}
