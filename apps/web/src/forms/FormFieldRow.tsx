import { REQUIRED_STAGES, stageRank, type FormKey, type RequiredSetting, type RequiredStage } from '@lantern/contracts';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import LockIcon from '@mui/icons-material/LockOutlined';
import { Box, Chip, FormControlLabel, IconButton, MenuItem, Paper, Switch, TextField, Typography } from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';
import type { DraftField } from './settings-draft';
import { BUILT_IN_LABEL_KEY } from './use-form-view';

export interface FormFieldRowProps {
  form: FormKey;
  field: DraftField;
  stages: readonly RequiredStage[];
  first: boolean;
  last: boolean;
  /** The API's messages for this field, by setting (`hidden`, `required`, `label.en`, …). */
  errors: Record<string, string>;
  onChange: (field: DraftField) => void;
  onMove: (by: -1 | 1) => void;
}

/** One built-in field's settings: hidden, required from a stage, label and help in English and Spanish, its place. */
export function FormFieldRow({ form, field, stages, first, last, errors, onChange, onMove }: FormFieldRowProps) {
  const translate = useTranslate();
  const headingId = useId();
  const name = translate(BUILT_IN_LABEL_KEY[form](field.key));
  // Lantern's own rule is never weakened: only stages up to it (or none, which keeps it) are offered.
  const choices: RequiredSetting[] = ['none', ...REQUIRED_STAGES.filter((s) => stages.includes(s) && (!field.builtInRequired || stageRank(s) <= stageRank(field.builtInRequired)))];
  const set = (patch: Partial<DraftField>) => onChange({ ...field, ...patch });
  const text = (kind: 'label' | 'help', language: 'en' | 'es') => (
    <TextField
      label={translate(`lantern.forms.${kind}.${language}`)}
      value={field[kind][language]}
      onChange={(event) => set({ [kind]: { ...field[kind], [language]: event.target.value } })}
      error={!!errors[`${kind}.${language}`]}
      helperText={errors[`${kind}.${language}`] ?? (kind === 'label' ? translate('lantern.forms.labelDefault', { label: name }) : ' ')}
      multiline={kind === 'help'}
      size="small"
      fullWidth
      slotProps={{ htmlInput: { 'data-testid': `${field.key}-${kind}-${language}` } }}
    />
  );
  return (
    <Paper variant="outlined" component="li" aria-labelledby={headingId} sx={{ p: 2, listStyle: 'none' }} data-testid={`form-field-${field.key}`}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="subtitle1" component="h3" id={headingId} sx={{ flexGrow: 1 }}>
          {name}
        </Typography>
        <IconButton size="small" disabled={first} onClick={() => onMove(-1)} aria-label={translate('lantern.forms.moveUp', { field: name })}>
          <ArrowUpwardIcon fontSize="small" />
        </IconButton>
        <IconButton size="small" disabled={last} onClick={() => onMove(1)} aria-label={translate('lantern.forms.moveDown', { field: name })}>
          <ArrowDownwardIcon fontSize="small" />
        </IconButton>
      </Box>
      {field.locked && (
        <Chip icon={<LockIcon />} size="small" sx={{ mb: 1, maxWidth: '100%', height: 'auto', '& .MuiChip-label': { whiteSpace: 'normal', py: 0.5 } }} label={translate(`lantern.forms.locked.${field.locked}`)} />
      )}
      {errors.order && (
        <Typography variant="body2" color="error" sx={{ mb: 1 }}>
          {errors.order}
        </Typography>
      )}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) minmax(0, 1fr)' } }}>
        <Box>
          <FormControlLabel
            control={<Switch checked={field.hidden} disabled={!!field.locked} onChange={(event) => set({ hidden: event.target.checked, ...(event.target.checked ? { required: 'none' as const } : {}) })} />}
            label={translate('lantern.forms.hidden')}
          />
          {errors.hidden && (
            <Typography variant="body2" color="error">
              {errors.hidden}
            </Typography>
          )}
        </Box>
        <TextField
          select
          size="small"
          label={translate('lantern.forms.required')}
          value={field.required}
          disabled={field.hidden}
          onChange={(event) => set({ required: event.target.value as RequiredSetting })}
          error={!!errors.required}
          helperText={errors.required ?? (field.builtInRequired ? translate('lantern.forms.builtInRequired', { stage: translate(`lantern.forms.stages.${field.builtInRequired}`) }) : ' ')}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': `${field.key}-required` } as object } }}
        >
          {choices.map((stage) => (
            <MenuItem key={stage} value={stage}>
              {translate(`lantern.forms.stages.${stage}`)}
            </MenuItem>
          ))}
        </TextField>
        {text('label', 'en')}
        {text('label', 'es')}
        {text('help', 'en')}
        {text('help', 'es')}
      </Box>
    </Paper>
  );
}
