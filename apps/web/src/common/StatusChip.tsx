import { Chip } from '@mui/material';
import { useRecordContext } from 'react-admin';

/** Yes/no fields shown as words, not only as a colour or an icon. */
export function StatusChip({
  source,
  trueLabel,
  falseLabel,
}: {
  source: string;
  trueLabel: string;
  falseLabel: string;
  label?: string;
}) {
  const record = useRecordContext<Record<string, unknown>>();
  if (!record) return null;
  const value = record[source] === true;
  return (
    <Chip
      size="small"
      label={value ? trueLabel : falseLabel}
      color={value ? 'success' : 'default'}
      variant={value ? 'filled' : 'outlined'}
    />
  );
}
