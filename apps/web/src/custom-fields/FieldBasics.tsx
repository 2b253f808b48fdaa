import { BUILT_IN_FORMS, CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES, type CustomFieldEntity, type CustomFieldType } from '@lantern/contracts';
import { Box, FormControlLabel, FormHelperText, MenuItem, Switch, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { FieldError } from '../common/FormDialog';
import type { FieldDraftState } from './field-draft';

/** Where the field goes, its key and type, its labels and help in each language, and its PII mark. */
export function FieldBasics({ state, fieldError, editing }: { state: FieldDraftState; fieldError: FieldError; editing: boolean }) {
  const translate = useTranslate();
  const { draft, change } = state;
  const text = (name: 'key' | 'labelEn' | 'labelEs' | 'helpEn' | 'helpEs', apiField: string, required = false, multiline = false) => (
    <TextField
      label={translate(`lantern.customFields.editor.${name}`)}
      value={draft[name]}
      onChange={(event) => change({ [name]: event.target.value })}
      required={required}
      multiline={multiline}
      fullWidth
      error={Boolean(fieldError(apiField))}
      helperText={fieldError(apiField) ?? (name === 'key' ? translate('lantern.customFields.editor.keyHelp') : undefined)}
    />
  );
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, mt: 1 }}>
      <TextField
        select
        label={translate('resources.custom-fields.fields.entity')}
        value={draft.entity}
        onChange={(event) => change({ entity: event.target.value as CustomFieldEntity })}
        disabled={editing}
        error={Boolean(fieldError('entity'))}
        helperText={fieldError('entity')}
      >
        {CUSTOM_FIELD_ENTITIES.map((entity) => (
          <MenuItem key={entity} value={entity}>
            {translate(`lantern.customFields.entity.${entity}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={translate('resources.custom-fields.fields.type')}
        value={draft.type}
        onChange={(event) => change({ type: event.target.value as CustomFieldType })}
        error={Boolean(fieldError('type'))}
        helperText={fieldError('type') ?? (editing ? translate('lantern.customFields.editor.typeLocked') : undefined)}
      >
        {CUSTOM_FIELD_TYPES.map((type) => (
          <MenuItem key={type} value={type}>
            {translate(`lantern.customFields.type.${type}`)}
          </MenuItem>
        ))}
      </TextField>
      {text('key', 'key', true)}
      <Box sx={{ display: { xs: 'none', sm: 'block' } }} />
      {draft.type === 'number' &&
        (['min', 'max'] as const).map((name) => (
          <TextField
            key={name}
            type="number"
            label={translate(`lantern.customFields.editor.${name}`)}
            value={draft[name]}
            onChange={(event) => change({ [name]: event.target.value })}
            error={Boolean(fieldError(name))}
            helperText={fieldError(name)}
          />
        ))}
      {draft.entity === 'intake' && (
        <TextField
          select
          label={translate('lantern.customFields.editor.step')}
          value={draft.step}
          onChange={(event) => change({ step: event.target.value })}
          fullWidth
          sx={{ gridColumn: '1 / -1' }}
          error={Boolean(fieldError('step'))}
          helperText={fieldError('step') ?? translate('lantern.customFields.editor.stepHelp')}
        >
          <MenuItem value="">{translate('lantern.customFields.editor.stepBeforeReview')}</MenuItem>
          {BUILT_IN_FORMS.intake.steps.map((step) => (
            <MenuItem key={step} value={step}>
              {translate(`lantern.intake.steps.${step}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
      {text('labelEn', 'label.en', true)}
      {text('labelEs', 'label.es')}
      {text('helpEn', 'help.en', false, true)}
      {text('helpEs', 'help.es', false, true)}
      <Box sx={{ gridColumn: '1 / -1' }}>
        <FormControlLabel
          control={<Switch checked={draft.pii} onChange={(event) => change({ pii: event.target.checked })} />}
          label={translate('lantern.customFields.editor.pii')}
        />
        <FormHelperText error={Boolean(fieldError('pii'))}>{fieldError('pii') ?? translate('lantern.customFields.editor.piiHelp')}</FormHelperText>
      </Box>
    </Box>
  );
}
