import type { ContactResponse } from '@lantern/contracts';
import { Box, Chip, Stack, Typography } from '@mui/material';
import {
  BooleanField,
  DateField,
  EditButton,
  FunctionField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCreatePath,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router';
import { CustomValuesPanel } from '../custom-fields/CustomValuesPanel';
import { countryName, CONTROL_METHOD_CHOICES, IMMEDIATE_NEED_CHOICES } from '../common/labels';
import { PageHeading } from '../common/PageHeading';
import { ShowUnavailable } from '../common/RecordUnavailable';
import { StaffName } from '../common/StaffName';
import { CONTACT_ACTION_CHOICES, CONTACT_CHANNEL_CHOICES, CONTACT_DANGER_CHOICES, CONTACT_OUTCOME_LABELS } from './contact-labels';
import { ContactActions } from './ContactActions';
import { ContactTitle } from './ContactPages';

/** A list of vocabulary values as chips (the record holds plain strings). */
function Values({ source, choices }: { source: 'needs' | 'indicators' | 'actions'; choices: { id: string; name: string }[] }) {
  const record = useRecordContext<ContactResponse>();
  const translate = useTranslate();
  const values = (record?.[source] ?? []) as string[];
  if (values.length === 0) return <Typography variant="body2">{translate('lantern.contacts.none')}</Typography>;
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {values.map((value) => (
        <Chip key={value} size="small" label={choices.find((c) => c.id === value)?.name ?? value} />
      ))}
    </Box>
  );
}

/** Where the contact led: a case (converted), a survivor (linked), or nothing yet. */
function Outcome() {
  const record = useRecordContext<ContactResponse>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Chip label={CONTACT_OUTCOME_LABELS[record.outcome]} color={record.outcome === 'contact_only' ? 'default' : 'primary'} />
      {record.caseId && <Link to={createPath({ resource: 'cases', type: 'show', id: record.caseId })}>{translate('lantern.contacts.openCaseLink')}</Link>}
      {!record.caseId && record.survivorId && (
        <Link to={createPath({ resource: 'survivors', type: 'show', id: record.survivorId })}>{translate('lantern.contacts.openSurvivorLink')}</Link>
      )}
      {record.voidedAt && <Chip label={translate('lantern.contacts.voidedBecause', { reason: record.voidReason ?? '' })} />}
    </Stack>
  );
}

function Toolbar() {
  const record = useRecordContext<ContactResponse>();
  return (
    <TopToolbar sx={{ flexWrap: 'wrap', gap: 1 }}>
      {record && !record.voidedAt && <EditButton />}
      {record && <ContactActions contact={record} />}
    </TopToolbar>
  );
}

/** The organization's own questions about the contact (issue 18); a voided contact is read-only. */
function ContactCustomValues() {
  const record = useRecordContext<ContactResponse>();
  if (!record) return null;
  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <CustomValuesPanel resource="custom-values/contact" recordId={record.id} editable={!record.voidedAt} variant="section" headingLevel="h2" />
    </Box>
  );
}

/** A contact's page (issue 17): what was said and done, where it led, and the way on: link it or open a case. */
export function ContactShow() {
  return (
    <Show error={<ShowUnavailable />} title={<ContactTitle />} actions={<Toolbar />}>
      <PageHeading title={<ContactTitle />} />
      <SimpleShowLayout>
        <FunctionField label="lantern.contacts.outcome" render={() => <Outcome />} />
        <DateField source="occurredAt" showTime />
        <SelectField source="channel" choices={CONTACT_CHANNEL_CHOICES} />
        <FunctionField source="staffUserId" render={(record: ContactResponse) => <StaffName userId={record.staffUserId} />} />
        <SelectField source="immediateDanger" choices={CONTACT_DANGER_CHOICES} />
        <BooleanField source="anonymous" />
        <TextField source="name" emptyText="—" />
        <TextField source="phone" emptyText="—" />
        <TextField source="email" emptyText="—" />
        <FunctionField source="countryCode" render={(record: ContactResponse) => (record.countryCode ? countryName(record.countryCode) : '—')} />
        <TextField source="area" emptyText="—" />
        <FunctionField source="needs" render={() => <Values source="needs" choices={IMMEDIATE_NEED_CHOICES} />} />
        <FunctionField source="indicators" render={() => <Values source="indicators" choices={CONTROL_METHOD_CHOICES} />} />
        <FunctionField source="actions" render={() => <Values source="actions" choices={CONTACT_ACTION_CHOICES} />} />
        <BooleanField source="followUpNeeded" />
        <DateField source="followUpOn" emptyText="—" />
        <TextField source="note" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} />
      </SimpleShowLayout>
      <ContactCustomValues />
    </Show>
  );
}
