import { ROLES, type Role } from '@lantern/contracts';
import { Box, Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, Switch } from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';
import { ROLE_LABELS } from '../common/choices';
import type { FieldError } from '../common/FormDialog';
import { CustomValueInput } from './CustomValueInput';
import { backfillAllowed, metricsAllowed, readableBy, shareableAllowed, writableBy, type FieldDraft, type FieldDraftState } from './field-draft';

function RoleGroup({ name, roles, allowed, onChange, error }: { name: 'readRoles' | 'writeRoles'; roles: Role[]; allowed: (role: Role) => boolean; onChange: (roles: Role[]) => void; error?: string }) {
  const translate = useTranslate();
  const labelId = useId();
  return (
    <FormControl component="fieldset" error={Boolean(error)}>
      <FormLabel component="legend" id={labelId}>
        {translate(`lantern.customFields.editor.${name}`)}
      </FormLabel>
      <FormGroup aria-labelledby={labelId}>
        {ROLES.map((role) => (
          <FormControlLabel
            key={role}
            label={ROLE_LABELS[role]}
            disabled={!allowed(role)}
            control={
              <Checkbox
                size="small"
                checked={roles.includes(role)}
                onChange={(event) => onChange(event.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
              />
            }
          />
        ))}
      </FormGroup>
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}

/**
 * When the field becomes required and records already exist: leave them as they are (the default), or
 * fill in each one that has no value with one value, typed here like any value of the field.
 */
function Backfill({ draft, change, fieldError }: { draft: FieldDraft; change: FieldDraftState['change']; fieldError: FieldError }) {
  const translate = useTranslate();
  const options = draft.options
    .filter((option) => option.id && !option.retired)
    .map((option) => ({ id: option.id!, label: { en: option.en, ...(option.es ? { es: option.es } : {}) }, retired: false }));
  return (
    <Box sx={{ gridColumn: '1 / -1' }}>
      <FormControlLabel
        control={<Switch checked={draft.backfill} onChange={(event) => change({ backfill: event.target.checked })} />}
        label={translate('lantern.customFields.editor.backfill')}
      />
      <FormHelperText error={Boolean(fieldError('applyTo'))}>{fieldError('applyTo') ?? translate('lantern.customFields.editor.backfillHelp')}</FormHelperText>
      {draft.backfill && (
        <Box sx={{ mt: 1, maxWidth: 420 }} data-testid="custom-field-backfill-value">
          <CustomValueInput
            field={{
              key: 'backfillValue',
              type: draft.type,
              label: { en: translate('lantern.customFields.editor.backfillValue') },
              help: null,
              options,
              required: true,
              min: draft.min.trim() === '' ? null : Number(draft.min),
              max: draft.max.trim() === '' ? null : Number(draft.max),
              retired: false,
              writable: true,
              step: null,
            }}
            value={draft.backfillValue}
            saved={undefined}
            onChange={(backfillValue) => change({ backfillValue })}
            error={fieldError('backfillValue')}
          />
        </Box>
      )}
    </Box>
  );
}

/** Who may read and write the values, whether partners may be shown them, whether they feed the metrics. */
export function FieldAccess({ state, fieldError, savedRequired = false }: { state: FieldDraftState; fieldError: FieldError; savedRequired?: boolean }) {
  const translate = useTranslate();
  const { draft, change } = state;
  const offersBackfill = backfillAllowed(draft, savedRequired);
  // With the backfill offered, its refusals show under it; else under the switch.
  const requiredError = fieldError('required') ?? (offersBackfill ? undefined : fieldError('applyTo'));
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, mt: 2 }}>
      <RoleGroup name="readRoles" roles={draft.readRoles} allowed={(role) => readableBy(role, draft)} onChange={(readRoles) => change({ readRoles })} error={fieldError('readRoles')} />
      <RoleGroup
        name="writeRoles"
        roles={draft.writeRoles}
        allowed={(role) => writableBy(role, draft)}
        onChange={(writeRoles) => change({ writeRoles })}
        error={fieldError('writeRoles')}
      />
      <Box>
        <FormControlLabel
          control={<Switch checked={draft.shareable} disabled={!shareableAllowed(draft)} onChange={(event) => change({ shareable: event.target.checked })} />}
          label={translate('lantern.customFields.editor.shareable')}
        />
        <FormHelperText error={Boolean(fieldError('shareable'))}>
          {fieldError('shareable') ?? translate(shareableAllowed(draft) ? 'lantern.customFields.editor.shareableHelp' : 'lantern.customFields.editor.shareablePii')}
        </FormHelperText>
      </Box>
      <Box>
        <FormControlLabel control={<Switch checked={draft.required} onChange={(event) => change({ required: event.target.checked })} />} label={translate('lantern.customFields.editor.required')} />
        <FormHelperText error={Boolean(requiredError)}>
          {requiredError ?? translate('lantern.customFields.editor.requiredHelp')}
        </FormHelperText>
      </Box>
      {offersBackfill && <Backfill draft={draft} change={change} fieldError={fieldError} />}
      {metricsAllowed(draft) && (
        <Box>
          <FormControlLabel control={<Switch checked={draft.metrics} onChange={(event) => change({ metrics: event.target.checked })} />} label={translate('lantern.customFields.editor.metrics')} />
          <FormHelperText error={Boolean(fieldError('metrics'))}>{fieldError('metrics') ?? translate('lantern.customFields.editor.metricsHelp')}</FormHelperText>
        </Box>
      )}
    </Box>
  );
}
