import { permittedFields } from '@lantern/permissions';
import { useAbility } from '@casl/react';
import type { AppAbility } from '@lantern/permissions';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  BooleanInput,
  CheckboxGroupInput,
  email,
  maxLength,
  minValue,
  maxValue,
  NumberInput,
  required,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { SERVICE_TYPE_CHOICES } from '../common/choices';
import { useSession } from '../providers/session';

const PHONE = /^[0-9+()\-. ]{3,32}$/;
const phone = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' && !PHONE.test(value) ? 'lantern.survivors.phoneInvalid' : undefined;
const wholeNumber = (value: unknown): string | undefined =>
  typeof value === 'number' && !Number.isInteger(value) ? 'lantern.partnerOrgs.wholeNumber' : undefined;

/** A group of inputs; the title is a catalogue key. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 2, width: '100%' }}>
      <Typography component="legend" variant="subtitle2" color="text.secondary" sx={{ mb: 0.5, textTransform: 'uppercase', letterSpacing: 0.6 }}>
        {translate(title)}
      </Typography>
      {children}
    </Box>
  );
}

/**
 * The inputs of a partner organization, shared by Create and Edit. Each one appears only when the
 * rules let this person set that field: a partner's staff see just capacity, referrals and contact.
 */
export function PartnerOrgInputs({ mode }: { mode: 'create' | 'edit' }) {
  const ability = useAbility<AppAbility>();
  const session = useSession();
  const record = useRecordContext();
  const scoped = record ? { organizationId: session?.me.user.organizationId, ...record } : undefined;
  const allowed = new Set(
    mode === 'create' ? permittedFields(ability, 'create', 'PartnerOrg') : permittedFields(ability, 'update', 'PartnerOrg', scoped),
  );
  const has = (field: string): boolean => allowed.has(field);

  return (
    <Box sx={{ width: '100%', maxWidth: 720 }}>
      {(has('name') || has('serviceTypes') || has('serviceArea')) && (
        <Section title="lantern.partnerOrgs.organization">
          {has('name') && <TextInput source="name" validate={[required(), maxLength(200)]} />}
          {has('serviceTypes') && (
            <CheckboxGroupInput
              source="serviceTypes"
              choices={SERVICE_TYPE_CHOICES}
              validate={required('lantern.partnerOrgs.serviceRequired')}
              row
            />
          )}
          {has('serviceArea') && <TextInput source="serviceArea" validate={maxLength(500)} helperText="lantern.partnerOrgs.areaHelp" />}
        </Section>
      )}
      {(has('capacity') || has('acceptingReferrals')) && (
        <Section title="lantern.partnerOrgs.availability">
          {has('capacity') && (
            <NumberInput
              source="capacity"
              min={0}
              step={1}
              validate={[required(), minValue(0), maxValue(100000), wholeNumber]}
              helperText="lantern.partnerOrgs.capacityHelp"
              sx={{ maxWidth: 280 }}
            />
          )}
          {has('acceptingReferrals') && <BooleanInput source="acceptingReferrals" />}
        </Section>
      )}
      {(has('contactName') || has('contactEmail') || has('phone')) && (
        <Section title="lantern.partnerOrgs.contact">
          {has('contactName') && <TextInput source="contactName" validate={maxLength(120)} />}
          {has('contactEmail') && <TextInput source="contactEmail" type="email" validate={[email(), maxLength(254)]} />}
          {has('phone') && <TextInput source="phone" type="tel" validate={phone} />}
        </Section>
      )}
    </Box>
  );
}
