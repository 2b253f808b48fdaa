import type { ContactResponse } from '@lantern/contracts';
import { Box, Typography } from '@mui/material';
import { DataTable, DateField, ReferenceManyField, useRecordContext, useTranslate } from 'react-admin';
import { useCan } from '../common/use-can';
import { CONTACT_CHANNEL_LABELS, CONTACT_OUTCOME_LABELS } from '../contacts/contact-labels';

/**
 * The contacts linked to a survivor (issue 17: calls, texts, walk-ins before or beside her case), on her
 * page, for those who may read contacts: the API lists them through the record-access layer
 * (`GET /contacts?filter={"survivorId":…}`), scoped, field-filtered and audited, so each reader sees the
 * ones and the fields her rules allow (docs/contacts.md).
 */
export function SurvivorContacts() {
  const record = useRecordContext();
  const can = useCan();
  const translate = useTranslate();
  if (!record || !can('read', 'Contact')) return null;
  return (
    <Box component="section" aria-labelledby="survivor-contacts-heading">
      <Typography variant="h6" component="h2" id="survivor-contacts-heading" sx={{ mb: 1 }}>
        {translate('lantern.survivors.contacts')}
      </Typography>
      <ReferenceManyField
        reference="contacts"
        target="survivorId"
        sort={{ field: 'occurredAt', order: 'DESC' }}
        perPage={25}
        empty={
          <Typography variant="body2" color="text.secondary">
            {translate('lantern.survivors.noContact')}
          </Typography>
        }
      >
        <DataTable bulkActionButtons={false} rowClick="show" size="small">
          <DataTable.Col source="occurredAt">
            <DateField source="occurredAt" showTime />
          </DataTable.Col>
          <DataTable.Col source="channel" render={(row: ContactResponse) => CONTACT_CHANNEL_LABELS[row.channel]} />
          <DataTable.Col source="outcome" render={(row: ContactResponse) => CONTACT_OUTCOME_LABELS[row.outcome]} />
        </DataTable>
      </ReferenceManyField>
    </Box>
  );
}
