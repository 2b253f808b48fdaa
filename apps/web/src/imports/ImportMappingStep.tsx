import { IMPORT_DATE_FORMATS, IMPORT_FIELDS, type ImportDateFormat, type ImportRunResponse, type ImportTarget } from '@lantern/contracts';
import { Alert, Box, Button, MenuItem, TextField, Typography } from '@mui/material';
import { useId, useState } from 'react';
import { useGetList, useNotify, useTranslate } from 'react-admin';
import { toApiError } from '../providers/http';
import { mappingOf, type Draft } from './import-draft';
import { saveNamedMapping, useSavedMappings } from './imports-api';
import { useImportCustomTargets } from './use-import-custom-targets';

/** What each step of a run is given by the panel (ImportRunPanel.tsx). */
export interface StepProps {
  run: ImportRunResponse;
  draft: Draft;
  setDraft: (update: (draft: Draft) => Draft) => void;
  disabled: boolean;
  onCheck: () => void;
}

/** The first step: which field each column of the sheet fills, the date format and the default caseworker. */
export function ImportMappingStep({ run, draft, setDraft, errors, disabled, onCheck }: StepProps & { errors: Record<string, string> }) {
  const translate = useTranslate();
  const notify = useNotify();
  const headingId = useId();
  const saved = useSavedMappings();
  const [name, setName] = useState('');
  const caseworkers = useGetList('users', { filter: { role: 'caseworker', active: true }, pagination: { page: 1, perPage: 200 }, sort: { field: 'displayName', order: 'ASC' } });
  // The survivor's and the case's own fields the import may fill (issue 18), after Lantern's.
  const custom = useImportCustomTargets();
  const fieldChoices = [{ id: '', name: translate('lantern.imports.mapping.skip') }, ...IMPORT_FIELDS.map((f) => ({ id: f, name: translate(`lantern.imports.fields.${f}`) })), ...custom.choices];

  const applySaved = (savedId: string) => {
    const mapping = saved.data?.find((m) => m.id === savedId)?.mapping;
    if (!mapping) return;
    setDraft((d) => ({
      columns: Object.fromEntries(run.header.map((h) => [h, mapping.columns[h] ?? ''])),
      values: mapping.values,
      dateFormat: mapping.dateFormat,
      defaultCaseworkerId: mapping.defaultCaseworkerId ?? d.defaultCaseworkerId,
    }));
  };
  const saveNamed = async () => {
    try {
      await saveNamedMapping(name.trim(), mappingOf(draft));
      notify('lantern.imports.mapping.savedAs', { type: 'success', messageArgs: { name: name.trim() } });
      setName('');
      await saved.refetch();
    } catch (error) {
      notify(toApiError(error).message, { type: 'error' });
    }
  };

  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography variant="subtitle1" component="h3" id={headingId} sx={{ fontWeight: 600 }}>
        {translate('lantern.imports.mapping.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('lantern.imports.mapping.help')}
      </Typography>
      {errors['mapping.columns'] && (
        <Alert severity="error" role="alert" sx={{ mb: 1 }}>
          {errors['mapping.columns']}
        </Alert>
      )}
      {saved.data && saved.data.length > 0 && (
        <TextField select size="small" label={translate('lantern.imports.mapping.useSaved')} value="" onChange={(e) => applySaved(e.target.value)} disabled={disabled} sx={{ minWidth: 240, mb: 2 }}>
          {saved.data.map((m) => (
            <MenuItem key={m.id} value={m.id}>
              {m.name}
            </MenuItem>
          ))}
        </TextField>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', md: 'repeat(3, minmax(0, 1fr))' }, gap: 2 }}>
        {run.header.map((header) => (
          <TextField
            key={header}
            select
            size="small"
            label={translate('lantern.imports.mapping.column', { column: header })}
            value={draft.columns[header] ?? ''}
            onChange={(e) => setDraft((d) => ({ ...d, columns: { ...d.columns, [header]: e.target.value as ImportTarget | '' } }))}
            disabled={disabled}
          >
            {fieldChoices.map((c) => (
              <MenuItem key={c.id || 'skip'} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
        ))}
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mt: 2 }}>
        <TextField
          select
          size="small"
          label={translate('lantern.imports.mapping.dateFormat')}
          value={draft.dateFormat}
          onChange={(e) => setDraft((d) => ({ ...d, dateFormat: e.target.value as ImportDateFormat }))}
          disabled={disabled}
          error={!!errors['mapping.dateFormat']}
          helperText={errors['mapping.dateFormat']}
          sx={{ minWidth: 200 }}
        >
          {IMPORT_DATE_FORMATS.map((f) => (
            <MenuItem key={f} value={f}>
              {translate(`lantern.imports.dateFormats.${f}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={translate('lantern.imports.mapping.defaultCaseworker')}
          value={draft.defaultCaseworkerId}
          onChange={(e) => setDraft((d) => ({ ...d, defaultCaseworkerId: e.target.value }))}
          disabled={disabled}
          error={!!errors['mapping.defaultCaseworkerId']}
          helperText={errors['mapping.defaultCaseworkerId'] ?? translate('lantern.imports.mapping.defaultCaseworkerHelp')}
          sx={{ minWidth: 260 }}
        >
          <MenuItem value="">{translate('lantern.imports.mapping.noDefault')}</MenuItem>
          {(caseworkers.data ?? []).map((u) => (
            <MenuItem key={u.id} value={String(u.id)}>
              {String(u.displayName)}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mt: 2, alignItems: 'center' }}>
        <Button variant="contained" onClick={onCheck} disabled={disabled}>
          {translate('lantern.imports.mapping.check')}
        </Button>
        <TextField size="small" label={translate('lantern.imports.mapping.saveName')} value={name} onChange={(e) => setName(e.target.value)} disabled={disabled} slotProps={{ htmlInput: { maxLength: 80 } }} />
        <Button onClick={saveNamed} disabled={disabled || name.trim() === ''}>
          {translate('lantern.imports.mapping.save')}
        </Button>
      </Box>
    </Box>
  );
}
