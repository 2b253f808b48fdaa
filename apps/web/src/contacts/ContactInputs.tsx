import { CONTACT_AREA_MAX, CONTACT_NAME_MAX, CONTACT_NOTE_MAX, COUNTRY_CODES } from '@lantern/contracts';
import { Box, Typography } from '@mui/material';
import {
  AutocompleteInput,
  BooleanInput,
  CheckboxGroupInput,
  DateInput,
  DateTimeInput,
  FormDataConsumer,
  maxLength,
  RadioButtonGroupInput,
  required,
  SelectArrayInput,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { countryName, CONTROL_METHOD_CHOICES, IMMEDIATE_NEED_CHOICES } from '../common/labels';
import { FormCustomInputs } from '../custom-fields/FormCustomInputs';
import { withoutEmptyCustom } from '../custom-fields/use-new-record-custom';
import { CONTACT_ACTION_CHOICES, CONTACT_CHANNEL_CHOICES, CONTACT_DANGER_CHOICES } from './contact-labels';

const COUNTRY_CHOICES = COUNTRY_CODES.map((code) => ({ id: code, get name() { return countryName(code); } }));

/** A local date-time input's value as the API wants it: an instant (ISO 8601, UTC). */
const toInstant = (value: string | null): string | null => (value ? new Date(value).toISOString() : null);

/**
 * The quick hotline form (issue 17): what a person fills in while on a call. Only the channel is
 * required; the contact is anonymous unless the caller gives a name, a phone or an e-mail; the area
 * is coarse (a city, a district, a county), never an address.
 */
export function ContactInputs() {
  const translate = useTranslate();
  const record = useRecordContext<Record<string, unknown>>();
  // A coordinator correcting a colleague's contact does not read its named details or free text: no input for them.
  const shown = (field: string) => !record?.id || field in record;
  return (
    <Box sx={{ width: '100%', maxWidth: 640 }}>
      <RadioButtonGroupInput source="channel" choices={CONTACT_CHANNEL_CHOICES} validate={required()} />
      <DateTimeInput source="occurredAt" parse={toInstant} helperText="lantern.contacts.occurredAtHelp" />
      <RadioButtonGroupInput source="immediateDanger" choices={CONTACT_DANGER_CHOICES} />
      <BooleanInput source="anonymous" helperText="lantern.contacts.anonymousHelp" />
      <FormDataConsumer<{ anonymous?: boolean }>>
        {({ formData }) =>
          formData.anonymous || !shown('name') ? null : (
            <Box>
              <TextInput source="name" fullWidth validate={maxLength(CONTACT_NAME_MAX)} autoComplete="off" />
              <TextInput source="phone" fullWidth autoComplete="off" />
              <TextInput source="email" type="email" fullWidth autoComplete="off" />
            </Box>
          )
        }
      </FormDataConsumer>
      <SelectArrayInput source="needs" choices={IMMEDIATE_NEED_CHOICES} fullWidth />
      <SelectArrayInput source="indicators" choices={CONTROL_METHOD_CHOICES} fullWidth helperText="lantern.contacts.indicatorsHelp" />
      <CheckboxGroupInput source="actions" choices={CONTACT_ACTION_CHOICES} row={false} />
      <Typography variant="subtitle2" component="h2" sx={{ mt: 1 }}>
        {translate('lantern.contacts.where')}
      </Typography>
      <AutocompleteInput source="countryCode" choices={COUNTRY_CHOICES} fullWidth />
      {shown('area') && <TextInput source="area" fullWidth validate={maxLength(CONTACT_AREA_MAX)} helperText="lantern.contacts.areaHelp" autoComplete="off" />}
      <BooleanInput source="followUpNeeded" />
      <FormDataConsumer<{ followUpNeeded?: boolean }>>{({ formData }) => (formData.followUpNeeded ? <DateInput source="followUpOn" /> : null)}</FormDataConsumer>
      {shown('note') && <TextInput source="note" multiline minRows={3} fullWidth validate={maxLength(CONTACT_NOTE_MAX)} helperText="lantern.contacts.noteHelp" />}
      {/* A new contact's own fields; a logged contact's change under its "More details". */}
      {!record?.id && <FormCustomInputs route="contact" />}
    </Box>
  );
}

/** What the form sends: an anonymous contact carries no named detail, no follow-up date without a follow-up. */
export function contactTransform<T extends Record<string, unknown>>(data: T): T {
  const out: Record<string, unknown> = { ...data };
  if (out.anonymous) for (const key of ['name', 'phone', 'email']) if (key in out) out[key] = null;
  if (!out.followUpNeeded && 'followUpOn' in out) out.followUpOn = null;
  for (const key of ['name', 'phone', 'email', 'area', 'note', 'countryCode', 'followUpOn']) if (out[key] === '') out[key] = null;
  // Custom values left empty are not sent (`custom` only on creation: FormCustomInputs).
  withoutEmptyCustom(out);
  return out as T;
}
