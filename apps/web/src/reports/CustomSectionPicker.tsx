import type { ReportCustomFieldResponse } from '@lantern/contracts';
import { MenuItem, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { currentLocale } from '../i18n/translate';
import { fetchReportableFields } from './reports-api';

/**
 * The trafficking-grant report's custom section (issue 18; docs/reports.md): which of the organization's
 * own fields to count, among those the API offers (choices, yes/no and numbers, never PII).
 */
export function CustomSectionPicker({ value, onChange, error }: { value: string[]; onChange: (value: string[]) => void; error?: string }) {
  const translate = useTranslate();
  const [fields, setFields] = useState<ReportCustomFieldResponse[] | null>(null);
  useEffect(() => {
    let live = true;
    fetchReportableFields()
      .then((list) => live && setFields(list))
      .catch(() => live && setFields([]));
    return () => {
      live = false;
    };
  }, []);
  if (!fields || fields.length === 0) return null;
  const labelOf = (field: ReportCustomFieldResponse): string => field.label[currentLocale()] ?? field.label.en ?? field.key;
  return (
    <TextField
      select
      fullWidth
      sx={{ mt: 2 }}
      label={translate('lantern.reports.customSection')}
      value={value}
      onChange={(event) => onChange(event.target.value as unknown as string[])}
      error={Boolean(error)}
      helperText={error ?? translate('lantern.reports.customSectionHelp')}
      slotProps={{ select: { multiple: true, renderValue: (selected) => (selected as string[]).map((id) => { const field = fields.find((x) => x.id === id); return field ? labelOf(field) : id; }).join(', ') } }}
    >
      {fields.map((field) => (
        <MenuItem key={field.id} value={field.id}>
          {labelOf(field)}
          {field.retired ? ` (${translate('lantern.reports.retiredField')})` : ''}
        </MenuItem>
      ))}
    </TextField>
  );
}
