import EditIcon from '@mui/icons-material/Edit';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import type { AppointmentConflict, AppointmentResponse } from '@lantern/contracts';
import { Alert, Box, Button, Chip, IconButton, Paper, Stack, Typography } from '@mui/material';
import { Fragment } from 'react';
import { useCreatePath, useGetManyAggregate, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router';
import { formatDate, formatTime } from '../common/labels';
import { StaffName } from '../common/StaffName';
import { KIND_KEYS } from './appointments-api';

function PartnerName({ id }: { id: string }) {
  const { data } = useGetManyAggregate<{ id: string; name: string }>('partner-orgs', { ids: [id] });
  return <>{data?.[0]?.name ?? '—'}</>;
}

/** "10:00–11:30", in the reader's language and time zone. */
export function timeRange(appointment: Pick<AppointmentResponse, 'startsAt' | 'endsAt'>): string {
  return `${formatTime(appointment.startsAt)}–${formatTime(appointment.endsAt)}`;
}

/**
 * One appointment: when, what for, with whom. `showCase` adds the case number and a way to open the
 * case (the diaries); on the case page the case is already there.
 */
export function AppointmentCard({
  appointment,
  showCase = false,
  showDate = false,
  heading = 'h3',
  compact = false,
  onEdit,
  onCancel,
}: {
  appointment: AppointmentResponse;
  /** The card's heading level under the page's outline. */
  heading?: 'h3' | 'h4';
  /** The week's narrow columns: when, what and which case, without the people and the note. */
  compact?: boolean;
  showCase?: boolean;
  showDate?: boolean;
  onEdit?: () => void;
  onCancel?: () => void;
}) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const cancelled = appointment.status === 'cancelled';
  const kind = translate(KIND_KEYS[appointment.kind]);
  const when = `${showDate ? `${formatDate(appointment.startsAt)} · ` : ''}${timeRange(appointment)}`;
  return (
    <Paper
      variant="outlined"
      component="article"
      aria-label={translate('lantern.appointments.cardLabel', { kind, when })}
      sx={{ p: 1.5, borderLeft: 4, borderLeftColor: cancelled ? 'grey.400' : 'primary.main', opacity: cancelled ? 0.75 : 1 }}
    >
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle2" component={heading} sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {when}
        </Typography>
        <Chip size="small" variant="outlined" label={kind} />
        {cancelled && <Chip size="small" label={translate('lantern.appointments.cancelled')} />}
        {showCase && appointment.caseNumber && (
          <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {appointment.caseNumber}
          </Typography>
        )}
      </Stack>
      {!compact && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {translate('lantern.appointments.with')}{' '}
          {appointment.attendeeUserIds.map((id, i) => (
            <Fragment key={id}>
              {i > 0 && ', '}
              <StaffName userId={id} />
            </Fragment>
          ))}
          {appointment.partnerOrgId && (
            <>
              {' · '}
              <PartnerName id={appointment.partnerOrgId} />
            </>
          )}
        </Typography>
      )}
      {!compact && appointment.note && (
        <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {appointment.note}
        </Typography>
      )}
      {(showCase || onEdit || onCancel) && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, justifyContent: 'flex-end', flexWrap: 'wrap' }}>
          {showCase &&
            (compact ? (
              <IconButton
                size="small"
                aria-label={translate('lantern.appointments.openCaseNumber', { number: appointment.caseNumber ?? '' })}
                onClick={() => navigate(createPath({ resource: 'cases', type: 'show', id: appointment.caseId }))}
              >
                <FolderOpenIcon fontSize="small" />
              </IconButton>
            ) : (
              <Button size="small" startIcon={<FolderOpenIcon />} onClick={() => navigate(createPath({ resource: 'cases', type: 'show', id: appointment.caseId }))}>
                {translate('lantern.appointments.openCase')}
              </Button>
            ))}
          {onEdit && !cancelled && (
            <Button size="small" startIcon={<EditIcon />} onClick={onEdit}>
              {translate('lantern.appointments.edit')}
            </Button>
          )}
          {onCancel && !cancelled && (
            <Button size="small" color="warning" startIcon={<EventBusyIcon />} onClick={onCancel}>
              {translate('lantern.appointments.cancel')}
            </Button>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/** The overlap warning after a save: the other appointments by day and time only (they may be of cases the reader cannot see). */
export function ConflictWarning({ conflicts, onClose }: { conflicts: AppointmentConflict[]; onClose: () => void }) {
  const translate = useTranslate();
  if (conflicts.length === 0) return null;
  return (
    <Alert severity="warning" role="alert" onClose={onClose} data-testid="appointment-conflicts">
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {translate('lantern.appointments.conflictTitle', { smart_count: conflicts.length })}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {conflicts.map((c) => (
          <li key={`${c.appointmentId}-${c.attendeeUserId}`}>
            {formatDate(c.startsAt)} · {timeRange(c)} · <StaffName userId={c.attendeeUserId} />
          </li>
        ))}
      </Box>
      <Typography variant="body2">{translate('lantern.appointments.conflictText')}</Typography>
    </Alert>
  );
}
