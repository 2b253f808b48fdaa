import { ROLES, type Role } from '@lantern/contracts';
import { Box, Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, Switch } from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';
import { ROLE_LABELS } from '../common/choices';
import type { FieldError } from '../common/FormDialog';
import { metricsAllowed, readableBy, shareableAllowed, writableBy, type FieldDraftState } from './field-draft';

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

/** Who may read and write the values, whether partners may be shown them, whether they feed the metrics. */
export function FieldAccess({ state, fieldError }: { state: FieldDraftState; fieldError: FieldError }) {
  const translate = useTranslate();
  const { draft, change } = state;
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
        <FormHelperText error={Boolean(fieldError('required') ?? fieldError('applyTo'))}>
          {fieldError('required') ?? fieldError('applyTo') ?? translate('lantern.customFields.editor.requiredHelp')}
        </FormHelperText>
      </Box>
      {metricsAllowed(draft) && (
        <Box>
          <FormControlLabel control={<Switch checked={draft.metrics} onChange={(event) => change({ metrics: event.target.checked })} />} label={translate('lantern.customFields.editor.metrics')} />
          <FormHelperText error={Boolean(fieldError('metrics'))}>{fieldError('metrics') ?? translate('lantern.customFields.editor.metricsHelp')}</FormHelperText>
        </Box>
      )}
    </Box>
  );
}
