import { FORM_KEYS, type FormKey } from '@lantern/contracts';
import { Alert, Box, Tab, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { PageHeading } from '../common/PageHeading';
import { useCan } from '../common/use-can';
import { useSession } from '../providers/session';
import { FormEditor } from './FormEditor';
import { FormPreview } from './FormPreview';
import { FormTransfer } from './FormTransfer';

/**
 * Admins: the organization's forms (issue 18; docs/forms.md). Each built-in field can be hidden (unless
 * Lantern needs it, which the page says), required from a stage, relabelled and explained in English
 * and Spanish, and moved within its step; a form can be exported and imported as a JSON document.
 * Other roles get a refusal, as from the API.
 */
export function FormsPage() {
  const translate = useTranslate();
  const can = useCan();
  const session = useSession();
  const [form, setForm] = useState<FormKey>('intake');
  const allowed = can('update', 'FormSettings') && !session?.me.mfaEnrolmentRequired;
  return (
    <Box sx={{ py: 2 }}>
      <Title title="lantern.forms.title" />
      <PageHeading title="lantern.forms.title" />
      {!allowed ? (
        <Alert severity="warning" role="alert" sx={{ maxWidth: 700 }}>
          {translate('lantern.forms.refused')}
        </Alert>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 800 }}>
            {translate('lantern.forms.intro')}
          </Typography>
          <Tabs value={form} onChange={(_e, value: FormKey) => setForm(value)} variant="scrollable" scrollButtons="auto" aria-label={translate('lantern.forms.title')} sx={{ mb: 2 }}>
            {FORM_KEYS.map((key) => (
              <Tab key={key} value={key} label={translate(`lantern.forms.names.${key}`)} id={`forms-tab-${key}`} aria-controls={`forms-panel-${key}`} />
            ))}
          </Tabs>
          <Box role="tabpanel" id={`forms-panel-${form}`} aria-labelledby={`forms-tab-${form}`}>
            <FormTransfer key={`transfer-${form}`} form={form} />
            <FormEditor key={form} form={form} />
            <FormPreview key={`preview-${form}`} form={form} />
          </Box>
        </>
      )}
    </Box>
  );
}
