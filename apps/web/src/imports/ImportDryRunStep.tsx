import { IMPORT_FIELDS, type CustomFieldLabel, type ImportVocabularyField } from '@lantern/contracts';
import { Alert, Box, Button, MenuItem, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import { EXPLOITATION_CHOICES, GENDER_CHOICES, REFERRAL_SOURCE_CHOICES } from '../common/labels';
import { useLabelText } from '../custom-fields/custom-value-text';
import type { StepProps } from './ImportMappingStep';

const VOCABULARY_CHOICES: Record<ImportVocabularyField, { id: string; name: string }[]> = {
  gender: GENDER_CHOICES,
  referralSource: REFERRAL_SOURCE_CHOICES,
  exploitationTypes: EXPLOITATION_CHOICES,
};
/** The problems listed one by one on screen; the rest are in the counts (and the failed-rows file). */
const PROBLEMS_SHOWN = 100;

/** The dry run's findings: values to place in Lantern's lists, the rows that would fail and why, likely duplicates. */
export function ImportDryRunStep({ run, draft, setDraft, disabled, onCheck }: StepProps) {
  const translate = useTranslate();
  const headingId = useId();
  const problemsId = useId();
  const dryRun = run.dryRun!;
  const failingRows = new Set(dryRun.problems.map((p) => p.row)).size;
  const shown = dryRun.problems.slice(0, PROBLEMS_SHOWN);
  const labelText = useLabelText();
  // A custom field (issue 18) by its label in her language, which the problem carries.
  const fieldLabel = (field: string, label?: CustomFieldLabel) =>
    label ? labelText(label) : (IMPORT_FIELDS as readonly string[]).includes(field) ? translate(`lantern.imports.fields.${field}`) : field;
  const [placed, setPlaced] = useState<Record<string, string>>({});
  useEffect(() => setPlaced({}), [run.version]);
  const place = (field: ImportVocabularyField, value: string, code: string) => {
    setPlaced((p) => ({ ...p, [`${field}\u001f${value}`]: code }));
    setDraft((d) => ({ ...d, values: { ...d.values, [field]: { ...(d.values[field] ?? {}), [value]: code } } }));
  };

  return (
    <Box component="section" aria-labelledby={headingId} sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 2 }}>
      <Typography variant="subtitle1" component="h3" id={headingId} sx={{ fontWeight: 600 }}>
        {translate('lantern.imports.dryRun.title')}
      </Typography>
      <Typography variant="body2" data-testid="dry-run-summary">
        {translate('lantern.imports.dryRun.summary', { ready: dryRun.ready, failing: failingRows, already: dryRun.alreadyImported, duplicates: dryRun.likelyDuplicates.length })}
      </Typography>
      {dryRun.unmappedValues.length > 0 && (
        <Box>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {translate('lantern.imports.dryRun.unmapped')}
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))' }, gap: 2 }}>
            {dryRun.unmappedValues.map((u) => (
              <TextField
                key={`${u.field}-${u.value}`}
                select
                size="small"
                label={translate('lantern.imports.dryRun.valueLabel', { value: u.value, field: fieldLabel(u.field), smart_count: u.rows })}
                value={placed[`${u.field}\u001f${u.value}`] ?? draft.values[u.field]?.[u.value] ?? ''}
                onChange={(e) => place(u.field, u.value, e.target.value)}
                disabled={disabled}
              >
                {VOCABULARY_CHOICES[u.field].map((c) => (
                  <MenuItem key={c.id} value={c.id}>
                    {c.name}
                  </MenuItem>
                ))}
              </TextField>
            ))}
          </Box>
          <Button sx={{ mt: 1 }} variant="outlined" onClick={onCheck} disabled={disabled || Object.keys(placed).length === 0}>
            {translate('lantern.imports.dryRun.applyValues')}
          </Button>
        </Box>
      )}
      {shown.length > 0 && (
        <TableContainer tabIndex={0} role="region" aria-labelledby={problemsId} sx={{ maxHeight: 360 }}>
          <Typography variant="body2" id={problemsId} sx={{ mb: 1 }}>
            {translate('lantern.imports.dryRun.problems', { smart_count: failingRows })}
          </Typography>
          <Table size="small" stickyHeader>
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">{translate('lantern.imports.dryRun.row')}</TableCell>
                <TableCell component="th" scope="col">{translate('lantern.imports.dryRun.field')}</TableCell>
                <TableCell component="th" scope="col">{translate('lantern.imports.dryRun.reason')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((p) => (
                <TableRow key={`${p.row}-${p.field}-${p.problem}`}>
                  <TableCell>{p.row}</TableCell>
                  <TableCell>{fieldLabel(p.field, p.label)}</TableCell>
                  <TableCell>{translate(`lantern.imports.problems.${p.problem}`, { format: draft.dateFormat })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {dryRun.problems.length > shown.length && <Typography variant="body2">{translate('lantern.imports.dryRun.more', { smart_count: dryRun.problems.length - shown.length })}</Typography>}
      {dryRun.likelyDuplicates.length > 0 && (
        <Alert severity="warning">
          {translate('lantern.imports.dryRun.duplicates', { rows: dryRun.likelyDuplicates.slice(0, 50).map((d) => d.row).join(', '), smart_count: dryRun.likelyDuplicates.length })}
        </Alert>
      )}
    </Box>
  );
}
