import { Create, Edit, ShowButton, SimpleForm, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import type { ContactResponse } from '@lantern/contracts';
import { FocusFirstRefusal } from '../common/FocusFirstRefusal';
import { FormToolbar } from '../common/FormToolbar';
import { PageHeading } from '../common/PageHeading';
import { EditUnavailable } from '../common/RecordUnavailable';
import { ContactInputs, contactTransform } from './ContactInputs';

/** Anonymous by default, the danger unknown until asked, no follow-up until chosen. */
const DEFAULTS = { channel: 'call', anonymous: true, immediateDanger: 'unknown', needs: [], indicators: [], actions: [], followUpNeeded: false };

/** The title of a contact: its channel and when (never a name). */
export function ContactTitle() {
  const record = useRecordContext<ContactResponse>();
  const translate = useTranslate();
  if (!record) return null;
  return <>{translate('lantern.contacts.titleOf', { channel: translate(`lantern.vocab.contactChannel.${record.channel}`), when: new Date(record.occurredAt).toLocaleString() })}</>;
}

/** "Log a contact": the quick hotline form, saved with one button; the contact's page follows. */
export function ContactCreate() {
  return (
    <Create redirect="show" transform={contactTransform} title="lantern.contacts.new">
      <PageHeading title="lantern.contacts.new" />
      {/* Every refusal shows under its field (the API's of a custom field too): no notification over Save. */}
      <SimpleForm defaultValues={DEFAULTS} toolbar={<FormToolbar />} warnWhenUnsavedChanges disableInvalidFormNotification>
        <ContactInputs />
        <FocusFirstRefusal />
      </SimpleForm>
    </Create>
  );
}

/** A correction: only the fields changed are sent, with the version read (pessimistic, so the audit row is written first). */
export function ContactEdit() {
  return (
    <Edit
      error={<EditUnavailable />}
      mutationMode="pessimistic"
      redirect="show"
      transform={contactTransform}
      title={<ContactTitle />}
      actions={
        <TopToolbar>
          <ShowButton />
        </TopToolbar>
      }
    >
      <PageHeading title={<ContactTitle />} />
      <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
        <ContactInputs />
      </SimpleForm>
    </Edit>
  );
}
