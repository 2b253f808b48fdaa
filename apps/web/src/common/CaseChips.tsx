import type { CaseStatus, ConsentState, RiskLevel } from '@lantern/contracts';
import { Chip, Stack, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { vocabLabel, type Vocabulary } from '../i18n/vocabulary';
import { CASE_STATUS_LABELS, CONSENT_STATE_LABELS, humanize, RISK_LABELS } from './labels';

const STATUS_COLOURS: Record<CaseStatus, ChipProps['color']> = {
  intake: 'info',
  active: 'success',
  on_hold: 'warning',
  closed: 'default',
};

/** A case's status in words (never colour alone). */
export function CaseStatusChip({ status, size = 'small' }: { status: CaseStatus | null | undefined; size?: ChipProps['size'] }) {
  if (!status) return null;
  return (
    <Chip
      size={size}
      label={CASE_STATUS_LABELS[status]}
      color={STATUS_COLOURS[status]}
      variant={status === 'closed' ? 'outlined' : 'filled'}
      data-testid="case-status"
    />
  );
}

const RISK_COLOURS: Record<RiskLevel, ChipProps['color']> = { low: 'success', medium: 'warning', high: 'error' };

export function RiskChip({
  level,
  size = 'small',
  emptyText = 'lantern.risk.riskNotAssessed',
}: {
  level: RiskLevel | null | undefined;
  size?: ChipProps['size'];
  /** Words or a translation key. */
  emptyText?: string | null;
}) {
  const translate = useTranslate();
  if (!level) return emptyText ? <Chip size={size} label={translate(emptyText, { _: emptyText })} variant="outlined" /> : null;
  return <Chip size={size} label={RISK_LABELS[level]} color={RISK_COLOURS[level]} variant={level === 'low' ? 'outlined' : 'filled'} />;
}

const CONSENT_COLOURS: Record<ConsentState, ChipProps['color']> = { live: 'success', expired: 'default', revoked: 'error' };

export function ConsentStateChip({ state }: { state: ConsentState }) {
  return (
    <Chip
      size="small"
      label={CONSENT_STATE_LABELS[state]}
      color={CONSENT_COLOURS[state]}
      variant={state === 'live' ? 'filled' : 'outlined'}
    />
  );
}

/** Record-context variants for lists. */
export function CaseStatusField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<{ status?: CaseStatus }>();
  return <CaseStatusChip status={record?.status} />;
}

export function RiskField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<{ riskLevel?: RiskLevel | null }>();
  return <RiskChip level={record?.riskLevel} emptyText="lantern.risk.notAssessed" />;
}

/** A list of vocabulary values as outlined chips with their human labels, in the reader's language. */
export function ValueChips({
  values,
  labels,
  vocabulary,
  empty = '—',
}: {
  values: readonly string[] | null | undefined;
  labels?: Readonly<Record<string, string>>;
  vocabulary?: Vocabulary;
  empty?: string;
}) {
  if (!values || values.length === 0) return <span>{empty}</span>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {values.map((value) => (
        <Chip key={value} size="small" variant="outlined" label={labels?.[value] ?? (vocabulary ? vocabLabel(vocabulary, value, humanize(value)) : humanize(value))} />
      ))}
    </Stack>
  );
}
