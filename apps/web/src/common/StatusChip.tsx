import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/** Yes/no fields shown as words, not only as a colour or an icon; the labels are catalogue keys (or words). */
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
  const translate = useTranslate();
  if (!record) return null;
  const value = record[source] === true;
  const label = value ? trueLabel : falseLabel;
  return (
    <Chip
      size="small"
      label={translate(label, { _: label })}
      color={value ? 'success' : 'default'}
      variant={value ? 'filled' : 'outlined'}
    />
  );
}
