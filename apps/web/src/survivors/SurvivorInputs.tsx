import { useAbility } from '@casl/react';
import { permittedFields, type AppAbility } from '@lantern/permissions';
import { Box, Typography } from '@mui/material';
import { useEffect, type ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  DateInput,
  email,
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  required,
  SelectInput,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { CodePickerInput } from '../common/CodePickerInput';
import { GENDER_CHOICES } from '../common/labels';
import { useFormView } from '../forms/use-form-view';

const PHONE = /^[0-9+()\-. ]{3,32}$/;
const phone = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' && !PHONE.test(value) ? 'lantern.survivors.phoneInvalid' : undefined;

/** Empty text inputs mean "not known": sent as null, never as an empty string. */
const emptyToNull = (value: unknown): unknown => (value === '' ? null : value);

const notInFuture = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' && value > new Date().toISOString().slice(0, 10) ? 'lantern.survivors.dobInFuture' : undefined;

export function Section({ title, hint, children }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 3, width: '100%' }}>
      <Typography component="legend" variant="subtitle2" color="text.secondary" sx={{ mb: 0.5, textTransform: 'uppercase', letterSpacing: 0.6 }}>
        {title}
      </Typography>
      {hint && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {hint}
        </Typography>
      )}
      {children}
    </Box>
  );
}

const row = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } } as const;

/** The year of a complete date of birth (YYYY-MM-DD), else null. */
export function birthYearOf(dateOfBirth: unknown): number | null {
  if (typeof dateOfBirth !== 'string') return null;
  const match = /^(\d{4})-\d{2}-\d{2}/.exec(dateOfBirth);
  return match ? Number(match[1]) : null;
}

/**
 * Birth year, filled in from the date of birth when one is given (and then read-only, so the two
 * cannot disagree; the API refuses a contradiction too, naming `birthYear`).
 */
function BirthYearInput({ label }: { label?: string }) {
  const { setValue, getValues } = useFormContext();
  const dateOfBirth = useWatch({ name: 'dateOfBirth' }) as unknown;
  const derived = birthYearOf(dateOfBirth);
  useEffect(() => {
    if (derived !== null && getValues('birthYear') !== derived) setValue('birthYear', derived, { shouldDirty: true, shouldValidate: true });
  }, [derived, getValues, setValue]);
  return (
    <NumberInput
      source="birthYear"
      label={label}
      min={1900}
      max={new Date().getFullYear()}
      step={1}
      validate={[minValue(1900), maxValue(new Date().getFullYear())]}
      readOnly={derived !== null}
      helperText={derived !== null ? 'lantern.survivors.birthYearFromDate' : 'lantern.survivors.birthYearHelp'}
    />
  );
}

/**
 * The inputs of a survivor record, shared by Create, Edit and the New intake page. Each appears only
 * when the rules let this person set that field.
 */
export function SurvivorInputs({ mode }: { mode: 'create' | 'edit' }) {
  const ability = useAbility<AppAbility>();
  const record = useRecordContext();
  // Editing: the API lists the fields this person may change on this record (the rules follow the
  // survivor's cases, which the browser does not have).
  const editable = (record as { permissions?: { fields?: string[] } } | undefined)?.permissions?.fields ?? [];
  const allowed = new Set(mode === 'create' ? permittedFields(ability, 'create', 'Survivor') : editable);
  // The organization's form (docs/forms.md): a hidden field is not shown; labels and help are its own.
  const view = useFormView('survivor');
  const has = (field: string): boolean => allowed.has(field) && view.visible(field);
  const words = (field: string, helperText?: string | false) => {
    const f = view.field(field);
    return { ...(f?.relabelled ? { label: f.label } : {}), ...(f?.help ? { helperText: f.help } : helperText !== undefined ? { helperText } : {}) };
  };
  const translate = useTranslate();

  return (
    <Box sx={{ width: '100%', maxWidth: 760 }}>
      <Section title={translate('lantern.survivors.howShown')} hint={translate('lantern.survivors.howShownHint')}>
        {has('alias') && (
          <TextInput source="alias" validate={[required(), maxLength(80)]} sx={{ maxWidth: 360 }} {...words('alias', 'lantern.survivors.aliasHelp')} />
        )}
      </Section>
      {(has('legalName') || has('preferredName') || has('dateOfBirth')) && (
        <Section title={translate('lantern.survivors.identifying')} hint={translate('lantern.survivors.identifyingHint')}>
          <Box sx={row}>
            {has('legalName') && <TextInput source="legalName" validate={maxLength(200)} parse={emptyToNull} autoComplete="off" {...words('legalName')} />}
            {has('preferredName') && <TextInput source="preferredName" validate={maxLength(120)} parse={emptyToNull} autoComplete="off" {...words('preferredName')} />}
            {has('dateOfBirth') && <DateInput source="dateOfBirth" validate={notInFuture} parse={emptyToNull} {...words('dateOfBirth')} />}
          </Box>
        </Section>
      )}
      {(has('birthYear') || has('gender') || has('pronouns') || has('citizenship') || has('languages')) && (
        <Section title={translate('lantern.survivors.demographics')} hint={translate('lantern.survivors.demographicsHint')}>
          <Box sx={row}>
            {has('birthYear') && <BirthYearInput label={view.field('birthYear')?.relabelled ? view.field('birthYear')?.label : undefined} />}
            {has('gender') && <SelectInput source="gender" choices={GENDER_CHOICES} emptyText="lantern.common.notRecorded" parse={emptyToNull} {...words('gender')} />}
            {has('pronouns') && <TextInput source="pronouns" validate={maxLength(40)} parse={emptyToNull} {...words('pronouns', 'lantern.survivors.pronounsHelp')} />}
            {has('citizenship') && <CodePickerInput source="citizenship" kind="country" max={5} {...words('citizenship', 'lantern.survivors.countryHelp')} />}
            {has('languages') && <CodePickerInput source="languages" kind="language" max={8} {...words('languages', 'lantern.survivors.languageHelp')} />}
          </Box>
        </Section>
      )}
      {(has('phone') || has('email') || has('address') || has('safeContactInstructions')) && (
        <Section title={translate('lantern.survivors.contact')} hint={translate('lantern.survivors.contactHint')}>
          <Box sx={row}>
            {has('phone') && <TextInput source="phone" type="tel" validate={phone} parse={emptyToNull} autoComplete="off" {...words('phone')} />}
            {has('email') && <TextInput source="email" type="email" validate={[email(), maxLength(254)]} parse={emptyToNull} autoComplete="off" {...words('email')} />}
          </Box>
          {has('address') && <TextInput source="address" multiline minRows={2} validate={maxLength(500)} parse={emptyToNull} autoComplete="off" {...words('address')} />}
          {has('safeContactInstructions') && (
            <TextInput
              source="safeContactInstructions"
              multiline
              minRows={2}
              validate={maxLength(1000)}
              parse={emptyToNull}
              {...words('safeContactInstructions', 'lantern.survivors.safeContactHelp')}
            />
          )}
        </Section>
      )}
    </Box>
  );
}
