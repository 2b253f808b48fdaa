import type { CustomFieldResponse, FormKey, FormLanguage } from '@lantern/contracts';
import { Alert, Box, Card, CardContent, Chip, List, ListItem, ListItemText, MenuItem, Skeleton, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { api, toApiError } from '../providers/http';
import { FORMS_KEY, useFormDefinition } from './forms-api';
import { BUILT_IN_LABEL_KEY, formView } from './form-view';

const PREVIEW_ROLES = ['caseworker', 'coordinator'] as const;
type PreviewRole = (typeof PREVIEW_ROLES)[number];

/** The form's custom fields that are not retired (at most 200: two pages of the admin's list). */
const useFormCustomFields = (form: FormKey) =>
  useQuery({
    queryKey: [...FORMS_KEY, form, 'custom-fields'],
    queryFn: async () => {
      const filter = encodeURIComponent(JSON.stringify({ entity: form, retired: false }));
      const pages = await Promise.all([0, 100].map((start) => api<CustomFieldResponse[]>(`/custom-fields?filter=${filter}&range=${encodeURIComponent(JSON.stringify([start, start + 99]))}`)));
      return pages.flat();
    },
    staleTime: 60_000,
  });

/**
 * The form as one role would see it (issue 18; docs/forms.md, "Preview"): its steps with the fields
 * shown (hidden ones left out), the organization's labels, help and required hints, and the custom
 * fields that role may read, marked as custom with the roles that read them.
 */
export function FormPreview({ form }: { form: FormKey }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const language: FormLanguage = locale === 'es' ? 'es' : 'en';
  const [role, setRole] = useState<PreviewRole>('caseworker');
  const definition = useFormDefinition(form);
  const custom = useFormCustomFields(form);
  const headingId = useId();
  const view = useMemo(() => formView(form, definition.data, language, (key) => translate(BUILT_IN_LABEL_KEY[form](key))), [form, definition.data, language, translate]);

  if (definition.error || custom.error) return <Alert severity="error">{toApiError(definition.error ?? custom.error).message}</Alert>;
  if (!definition.data || !custom.data) return <Skeleton variant="rounded" height={120} />;
  const required = (from: string | null | undefined) => (from ? translate('lantern.forms.preview.requiredFrom', { stage: translate(`lantern.forms.stages.${from}`) }) : null);
  const readable = custom.data.filter((f) => f.readRoles.includes(role));

  return (
    <Card component="section" aria-labelledby={headingId} sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2" id={headingId}>
          {translate('lantern.forms.preview.title')}
        </Typography>
        <TextField select size="small" label={translate('lantern.forms.preview.as')} value={role} onChange={(e) => setRole(e.target.value as PreviewRole)} sx={{ my: 2, minWidth: 200 }}>
          {PREVIEW_ROLES.map((r) => (
            <MenuItem key={r} value={r}>
              {translate(`lantern.vocab.role.${r}`)}
            </MenuItem>
          ))}
        </TextField>
        <Box data-testid="form-preview">
          {definition.data.steps.map((step) => {
            const keys = view.ordered(definition.data.fields.filter((f) => f.step === step).map((f) => f.key));
            return (
              <Box key={step} sx={{ mb: 1 }}>
                <Typography variant="subtitle1" component="h3">
                  {translate(`lantern.forms.steps.${form}.${step}`)}
                </Typography>
                {keys.length === 0 ? (
                  <Typography variant="body2">{translate('lantern.forms.stepEmpty')}</Typography>
                ) : (
                  <List dense disablePadding>
                    {keys.map((key) => {
                      const field = view.field(key)!;
                      return (
                        <ListItem key={key} disableGutters>
                          <ListItemText primary={field.label} secondary={[required(field.requiredFrom), field.help].filter(Boolean).join(' · ') || null} />
                        </ListItem>
                      );
                    })}
                  </List>
                )}
              </Box>
            );
          })}
          <Box>
            <Typography variant="subtitle1" component="h3">
              {translate('lantern.forms.preview.custom')}
            </Typography>
            {readable.length === 0 ? (
              <Typography variant="body2">{translate('lantern.forms.preview.noCustom')}</Typography>
            ) : (
              <List dense disablePadding>
                {readable.map((f) => (
                  <ListItem key={f.id} disableGutters sx={{ flexWrap: 'wrap', gap: 1 }}>
                    <ListItemText
                      primary={f.label[language] ?? f.label.en}
                      secondary={[f.required ? translate('lantern.forms.preview.required') : null, f.help ? (f.help[language] ?? f.help.en) : null].filter(Boolean).join(' · ') || null}
                    />
                    <Chip size="small" label={translate('lantern.forms.preview.readBy', { roles: f.readRoles.map((r) => translate(`lantern.vocab.role.${r}`)).join(', ') })} />
                  </ListItem>
                ))}
              </List>
            )}
          </Box>
        </Box>
      </CardContent>
    </Card>
  );
}
