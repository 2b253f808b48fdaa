import ScheduleIcon from '@mui/icons-material/Schedule';
import { REFERRAL_RESPONSE_HOURS, type ReferralStatus, type ReferralUrgency, type ServiceType } from '@lantern/contracts';
import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { SERVICE_TYPE_LABELS } from './choices';
import { formatHours, REFERRAL_STATUS_LABELS, REFERRAL_URGENCY_LABELS } from './labels';

const STATUS_COLOURS: Record<ReferralStatus, ChipProps['color']> = {
  draft: 'default',
  sent: 'info',
  accepted: 'primary',
  in_progress: 'primary',
  completed: 'success',
  declined: 'warning',
  cancelled: 'default',
};

/** A referral's status in words (never colour alone). */
export function ReferralStatusChip({ status, size = 'small' }: { status: ReferralStatus | null | undefined; size?: ChipProps['size'] }) {
  if (!status) return null;
  return (
    <Chip
      size={size}
      label={REFERRAL_STATUS_LABELS[status] ?? status}
      color={STATUS_COLOURS[status] ?? 'default'}
      variant={status === 'draft' || status === 'cancelled' || status === 'accepted' ? 'outlined' : 'filled'}
      data-testid="referral-status"
    />
  );
}

const URGENCY_COLOURS: Record<ReferralUrgency, ChipProps['color']> = { routine: 'default', urgent: 'warning', emergency: 'error' };

export function UrgencyChip({ urgency }: { urgency: ReferralUrgency | null | undefined }) {
  if (!urgency) return null;
  return (
    <Chip
      size="small"
      label={REFERRAL_URGENCY_LABELS[urgency] ?? urgency}
      color={URGENCY_COLOURS[urgency] ?? 'default'}
      variant={urgency === 'routine' ? 'outlined' : 'filled'}
    />
  );
}

/** Sent more than 48 hours ago without an answer from the partner (the federal benchmark). */
export function OverdueChip({ ageHours, label }: { ageHours?: number | null; label?: string }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color="error"
      icon={<ScheduleIcon />}
      label={label ?? translate('lantern.referrals.overdueFor', { time: formatHours(ageHours) })}
      title={translate('lantern.referrals.overdueTitle', { hours: REFERRAL_RESPONSE_HOURS })}
      data-testid="referral-overdue"
    />
  );
}

export function serviceLabel(type: string | null | undefined): string {
  if (!type) return '—';
  return Object.hasOwn(SERVICE_TYPE_LABELS, type) ? SERVICE_TYPE_LABELS[type as ServiceType] : type;
}

/** Record-context variants for lists. */
export function ReferralStatusField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<{ status?: ReferralStatus }>();
  return <ReferralStatusChip status={record?.status} />;
}

export function UrgencyField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<{ urgency?: ReferralUrgency }>();
  return <UrgencyChip urgency={record?.urgency} />;
}

export function ServiceTypeField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<{ serviceType?: string }>();
  return <>{serviceLabel(record?.serviceType)}</>;
}
