import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import type { AppointmentResponse } from '@lantern/contracts';
import { Alert, Box, Button, IconButton, MenuItem, Paper, Skeleton, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { formatDate } from '../common/labels';
import { PageHeading } from '../common/PageHeading';
import { useIsPhone } from '../common/use-phone';
import { currentLocale } from '../i18n/translate';
import { toApiError } from '../providers/http';
import { useSession } from '../providers/session';
import { AppointmentCard } from './AppointmentCard';
import { addDays, startOfDay, startOfWeek } from './appointments-api';

const TEAM = 'team';
const AGENDA_PAGE = 50;

/** Appointments grouped by the day they start on, in the reader's time zone, days in order. */
function byDay(appointments: AppointmentResponse[]): [string, AppointmentResponse[]][] {
  const days = new Map<string, AppointmentResponse[]>();
  for (const a of appointments) {
    const day = startOfDay(new Date(a.startsAt)).toISOString();
    days.set(day, [...(days.get(day) ?? []), a]);
  }
  return [...days.entries()];
}

function weekdayLabel(day: Date): string {
  return `${day.toLocaleDateString(currentLocale(), { weekday: 'long' })} ${formatDate(day.toISOString())}`;
}

function Agenda({ attendeeId }: { attendeeId: string | null }) {
  const translate = useTranslate();
  const [perPage, setPerPage] = useState(AGENDA_PAGE);
  const today = useMemo(() => startOfDay(new Date()).toISOString(), []);
  const { data = [], total = 0, isPending, error } = useGetList<AppointmentResponse>('appointments', {
    filter: { status: 'scheduled', startsFrom: today, ...(attendeeId ? { attendeeId } : {}) },
    sort: { field: 'startsAt', order: 'ASC' },
    pagination: { page: 1, perPage },
  });
  if (error) return <Alert severity="error">{toApiError(error).message}</Alert>;
  if (isPending) return <Skeleton variant="rounded" height={160} />;
  if (data.length === 0) {
    return (
      <Alert severity="info" variant="outlined">
        {translate('lantern.appointments.noneUpcoming')}
      </Alert>
    );
  }
  return (
    <Stack spacing={2} data-testid="appointments-agenda">
      {byDay(data).map(([day, items]) => (
        <Box component="section" key={day} aria-label={weekdayLabel(new Date(day))}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1, textTransform: 'capitalize' }}>
            {weekdayLabel(new Date(day))}
          </Typography>
          <Stack spacing={1}>
            {items.map((a) => (
              <AppointmentCard key={a.id} appointment={a} showCase />
            ))}
          </Stack>
        </Box>
      ))}
      {total > data.length && (
        <Button onClick={() => setPerPage((n) => Math.min(n + AGENDA_PAGE, 100))} disabled={perPage >= 100} sx={{ alignSelf: 'center' }}>
          {translate('lantern.appointments.showMore')}
        </Button>
      )}
    </Stack>
  );
}

/** Seven days side by side (wide screens); each day lists its appointments in time order. */
function Week({ attendeeId }: { attendeeId: string | null }) {
  const translate = useTranslate();
  const [monday, setMonday] = useState(() => startOfWeek(new Date()));
  const end = addDays(monday, 7);
  const { data = [], isPending, error } = useGetList<AppointmentResponse>('appointments', {
    filter: { status: 'scheduled', startsFrom: monday.toISOString(), startsTo: new Date(end.getTime() - 1).toISOString(), ...(attendeeId ? { attendeeId } : {}) },
    sort: { field: 'startsAt', order: 'ASC' },
    pagination: { page: 1, perPage: 100 },
  });
  const days = Array.from({ length: 7 }, (_unused, i) => addDays(monday, i));
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <IconButton aria-label={translate('lantern.appointments.previousWeek')} onClick={() => setMonday(addDays(monday, -7))}>
          <ChevronLeftIcon />
        </IconButton>
        <Button onClick={() => setMonday(startOfWeek(new Date()))}>{translate('lantern.appointments.thisWeek')}</Button>
        <IconButton aria-label={translate('lantern.appointments.nextWeek')} onClick={() => setMonday(addDays(monday, 7))}>
          <ChevronRightIcon />
        </IconButton>
        <Typography variant="body2" color="text.secondary" aria-live="polite">
          {translate('lantern.appointments.weekOf', { date: formatDate(monday.toISOString()) })}
        </Typography>
      </Stack>
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={240} />
      ) : (
        <Box sx={{ display: 'grid', gridTemplateColumns: { sm: 'repeat(2, minmax(0, 1fr))', md: 'repeat(4, minmax(0, 1fr))', lg: 'repeat(7, minmax(0, 1fr))' }, gap: 1 }} data-testid="appointments-week">
          {days.map((day) => {
            const items = data.filter((a) => startOfDay(new Date(a.startsAt)).getTime() === day.getTime());
            return (
              <Paper component="section" variant="outlined" key={day.toISOString()} aria-label={weekdayLabel(day)} sx={{ p: 1, minHeight: 120 }}>
                <Typography variant="subtitle2" component="h2" sx={{ mb: 1, textTransform: 'capitalize' }}>
                  {weekdayLabel(day)}
                </Typography>
                <Stack spacing={1}>
                  {items.length === 0 ? (
                    <Typography variant="body2" color="text.secondary">
                      {translate('lantern.appointments.freeDay')}
                    </Typography>
                  ) : (
                    items.map((a) => <AppointmentCard key={a.id} appointment={a} showCase compact />)
                  )}
                </Stack>
              </Paper>
            );
          })}
        </Box>
      )}
    </Stack>
  );
}

/**
 * "My appointments" (issue 14): a caseworker's week and agenda; a coordinator's view of the team, whole
 * or one person's diary. On a phone the week collapses into the agenda. Dates and times are in the
 * reader's language and time zone.
 */
export function AppointmentsPage() {
  const translate = useTranslate();
  const session = useSession();
  const phone = useIsPhone();
  const me = session?.me.user;
  const coordinator = me?.role === 'coordinator';
  const [view, setView] = useState<'week' | 'agenda'>('agenda');
  const [whose, setWhose] = useState<string>(coordinator ? TEAM : (me?.id ?? ''));
  const { data: staff = [] } = useGetList<{ id: string; displayName: string; role: string }>(
    'users',
    { filter: { active: true }, sort: { field: 'displayName', order: 'ASC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: coordinator },
  );
  const team = staff.filter((u) => u.role === 'caseworker' || u.role === 'coordinator');
  const attendeeId = whose === TEAM ? null : whose || (me?.id ?? null);
  const shown = phone ? 'agenda' : view;

  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate(coordinator ? 'lantern.appointments.teamTitle' : 'lantern.appointments.title')} />
      <PageHeading title={coordinator ? 'lantern.appointments.teamTitle' : 'lantern.appointments.title'} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, my: 2, px: 1 }}>
        {coordinator && (
          <TextField select size="small" label={translate('lantern.appointments.whose')} value={whose} onChange={(event) => setWhose(event.target.value)} sx={{ minWidth: 240 }}>
            <MenuItem value={TEAM}>{translate('lantern.appointments.wholeTeam')}</MenuItem>
            {team.map((u) => (
              <MenuItem key={u.id} value={u.id}>
                {u.id === me?.id ? translate('lantern.common.you', { name: u.displayName }) : u.displayName}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Box sx={{ flex: 1 }} />
        {!phone && (
          <ToggleButtonGroup size="small" exclusive value={view} onChange={(_event, value: 'week' | 'agenda' | null) => value && setView(value)} aria-label={translate('lantern.appointments.view')}>
            <ToggleButton value="week">{translate('lantern.appointments.week')}</ToggleButton>
            <ToggleButton value="agenda">{translate('lantern.appointments.agenda')}</ToggleButton>
          </ToggleButtonGroup>
        )}
      </Stack>
      <Box sx={{ px: 1 }}>{shown === 'week' ? <Week attendeeId={attendeeId} /> : <Agenda attendeeId={attendeeId} />}</Box>
    </Box>
  );
}
