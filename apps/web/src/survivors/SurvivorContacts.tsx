import type { ContactResponse } from '@lantern/contracts';
import { DataTable, DateField, useRecordContext } from 'react-admin';
import { useCan } from '../common/use-can';
import { CONTACT_CHANNEL_LABELS, CONTACT_OUTCOME_LABELS } from '../contacts/contact-labels';
import { SurvivorListBlock } from './SurvivorListBlock';

/**
 * The contacts linked to a survivor (issue 17: calls, texts, walk-ins before or beside her case), on her
 * page, for those who may read contacts: the API lists them through the record-access layer
 * (`GET /contacts?filter={"survivorId":…}`), scoped, field-filtered and audited, so each reader sees the
 * ones and the fields her rules allow (docs/contacts.md).
 */
export function SurvivorContacts() {
  const record = useRecordContext();
  const can = useCan();
  if (!record || !can('read', 'Contact')) return null;
  return (
    <SurvivorListBlock title="lantern.survivors.contacts" reference="contacts" sortField="occurredAt" empty="lantern.survivors.noContact">
      <DataTable bulkActionButtons={false} rowClick="show" size="small">
        <DataTable.Col source="occurredAt">
          <DateField source="occurredAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="channel" render={(row: ContactResponse) => CONTACT_CHANNEL_LABELS[row.channel]} />
        <DataTable.Col source="outcome" render={(row: ContactResponse) => CONTACT_OUTCOME_LABELS[row.outcome]} />
      </DataTable>
    </SurvivorListBlock>
  );
}
