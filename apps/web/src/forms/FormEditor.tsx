import type { FormKey } from '@lantern/contracts';
import { Alert, Box, Button, Card, CardContent, Skeleton, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { toApiError } from '../providers/http';
import { FormFieldRow } from './FormFieldRow';
import { FORMS_KEY, saveFormSettings, useFormDefinition } from './forms-api';
import { draftOf, move, settingsOf, stepFields, type DraftField } from './settings-draft';

/** The per-field messages of a 400 (`fields.<key>.<setting>`), grouped by field. */
function errorsByField(error: unknown): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  if (!error) return out;
  for (const [path, messages] of Object.entries(toApiError(error).body.fieldErrors ?? {})) {
    const [, key, ...rest] = path.split('.');
    if (!key) continue;
    (out[key] ??= {})[rest.join('.') || 'key'] = messages.join(' ');
  }
  return out;
}

/** One form's steps and fields, as the admin shapes them; saved as a whole (with step-up). */
export function FormEditor({ form }: { form: FormKey }) {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const definition = useFormDefinition(form);
  const [draft, setDraft] = useState<DraftField[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const statusId = useId();
  useEffect(() => {
    if (definition.data) setDraft(draftOf(definition.data));
  }, [definition.data]);

  if (definition.error) return <Alert severity="error">{toApiError(definition.error).message}</Alert>;
  if (!definition.data || !draft) return <Skeleton variant="rounded" height={240} />;
  const { steps, stages, version } = definition.data;
  const errors = errorsByField(error);

  const save = async (): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      const saved = await saveFormSettings(form, { version, fields: settingsOf(draft) });
      client.setQueryData([...FORMS_KEY, form], saved);
      setDraft(draftOf(saved));
      notify('lantern.forms.saved', { type: 'success' });
    } catch (caught) {
      setError(caught);
      notify(toApiError(caught).message, { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack spacing={2}>
      {steps.map((step) => {
        const fields = stepFields(draft, step);
        return (
          <Card key={step} component="section" aria-label={translate(`lantern.forms.steps.${form}.${step}`)}>
            <CardContent>
              <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
                {translate(`lantern.forms.steps.${form}.${step}`)}
              </Typography>
              <Stack component="ul" spacing={1.5} sx={{ m: 0, p: 0 }}>
                {fields.map((field, index) => (
                  <FormFieldRow
                    key={field.key}
                    form={form}
                    field={field}
                    stages={stages}
                    first={index === 0}
                    last={index === fields.length - 1}
                    errors={errors[field.key] ?? {}}
                    onChange={(next) => setDraft(draft.map((f) => (f.key === next.key ? next : f)))}
                    onMove={(by) => setDraft(move(draft, field.key, by))}
                  />
                ))}
              </Stack>
            </CardContent>
          </Card>
        );
      })}
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button variant="contained" onClick={() => void save()} disabled={saving} aria-describedby={statusId}>
          {translate('lantern.forms.save')}
        </Button>
        <Button onClick={() => setDraft(draftOf(definition.data))} disabled={saving}>
          {translate('lantern.forms.undo')}
        </Button>
        <Typography variant="body2" color="text.secondary" id={statusId}>
          {translate('lantern.forms.version', { version })}
        </Typography>
      </Box>
    </Stack>
  );
}
