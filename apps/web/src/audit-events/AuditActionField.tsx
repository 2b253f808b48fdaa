import type { AuditAction, AuditOutcome } from '@lantern/contracts';
import { Chip } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { AUDIT_ACTION_LABELS } from '../common/choices';

export function AuditActionField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<{ action?: AuditAction }>();
  if (!record?.action) return null;
  return <span>{AUDIT_ACTION_LABELS[record.action] ?? record.action}</span>;
}

const OUTCOME_COLOR: Record<AuditOutcome, 'success' | 'warning' | 'error'> = {
  success: 'success',
  denied: 'warning',
  failure: 'error',
};

export function AuditOutcomeField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<{ outcome?: AuditOutcome }>();
  if (!record?.outcome) return null;
  return <Chip size="small" variant="outlined" color={OUTCOME_COLOR[record.outcome] ?? 'default'} label={record.outcome} />;
}
