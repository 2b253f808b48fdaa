import {
  CONTINUED_PRESENCE_STATUSES,
  HHS_LETTER_KINDS,
  IMMIGRATION_NOTE_MAX,
  T_VISA_STATUSES,
  type ContinuedPresenceStatus,
  type HhsLetterKind,
  type ImmigrationReliefFields,
  type ImmigrationReliefResponse,
  type TVisaStatus,
} from '@lantern/contracts';
import { Box, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { FormDialog, type FieldError } from '../../common/FormDialog';
import { FormGroup } from './CaseRecordPanel';
import { vocabLabel } from '../../i18n/vocabulary';
import { reliefApi } from './relief-api';
import { localToday } from './service-labels';

type DateField = Exclude<keyof ImmigrationReliefFields, 'tVisaStatus' | 'continuedPresenceStatus' | 'hhsLetter' | 'note'>;

/**
 * Starts or changes a case's immigration relief record (issue 16): the T visa, Continued Presence and
 * the HHS letter, each with the dates its state has (a date that does not belong to the state is not
 * asked, and is cleared). The API checks the states and dates together and names the field at fault.
 */
export function ImmigrationReliefForm({
  caseId,
  relief,
  onClose,
  onSaved,
}: {
  caseId: string;
  relief?: ImmigrationReliefResponse;
  onClose: () => void;
  onSaved: (saved: ImmigrationReliefResponse) => void;
}) {
  const translate = useTranslate();
  const today = localToday();
  const [tVisa, setTVisa] = useState<TVisaStatus>(relief?.tVisaStatus ?? 'not_applied');
  const [cp, setCp] = useState<ContinuedPresenceStatus>(relief?.continuedPresenceStatus ?? 'not_requested');
  const [hhs, setHhs] = useState<HhsLetterKind | ''>(relief?.hhsLetter ?? '');
  const [dates, setDates] = useState<Record<DateField, string>>({
    tVisaAppliedOn: relief?.tVisaAppliedOn ?? '',
    tVisaDecidedOn: relief?.tVisaDecidedOn ?? '',
    continuedPresenceRequestedOn: relief?.continuedPresenceRequestedOn ?? '',
    continuedPresenceDecidedOn: relief?.continuedPresenceDecidedOn ?? '',
    continuedPresenceExpiresOn: relief?.continuedPresenceExpiresOn ?? '',
    hhsLetterRequestedOn: relief?.hhsLetterRequestedOn ?? '',
    hhsLetterIssuedOn: relief?.hhsLetterIssuedOn ?? '',
  });
  const [note, setNote] = useState(relief?.note ?? '');

  // Which dates each state has.
  const shown: Record<DateField, boolean> = {
    tVisaAppliedOn: tVisa !== 'not_applied',
    tVisaDecidedOn: tVisa === 'approved' || tVisa === 'denied',
    continuedPresenceRequestedOn: cp !== 'not_requested',
    continuedPresenceDecidedOn: cp === 'granted' || cp === 'denied',
    continuedPresenceExpiresOn: cp === 'granted',
    hhsLetterRequestedOn: hhs !== '',
    hhsLetterIssuedOn: hhs !== '',
  };
  const required: Partial<Record<DateField, boolean>> = {
    tVisaAppliedOn: true,
    tVisaDecidedOn: true,
    continuedPresenceRequestedOn: true,
    continuedPresenceDecidedOn: true,
  };
  const ready =
    (Object.keys(shown) as DateField[]).every((field) => !shown[field] || !required[field] || dates[field] !== '') && note.length <= IMMIGRATION_NOTE_MAX;

  const save = async (): Promise<void> => {
    const value = (field: DateField) => (shown[field] && dates[field] ? dates[field] : null);
    const body: ImmigrationReliefFields = {
      tVisaStatus: tVisa,
      continuedPresenceStatus: cp,
      hhsLetter: hhs || null,
      ...(Object.fromEntries((Object.keys(shown) as DateField[]).map((field) => [field, value(field)])) as Record<DateField, string | null>),
      note: note.trim() ? note : null,
    };
    onSaved(relief ? await reliefApi.update(relief.id, { ...body, version: relief.version }) : await reliefApi.create(caseId, body));
  };

  const dateInput = (field: DateField, fieldError: FieldError, future = false) =>
    shown[field] && (
      <TextField
        key={field}
        label={translate(`resources.immigration-relief.fields.${field}`)}
        type="date"
        required={Boolean(required[field])}
        value={dates[field]}
        onChange={(event) => setDates({ ...dates, [field]: event.target.value })}
        error={Boolean(fieldError(field))}
        helperText={fieldError(field)}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: future ? {} : { max: today } }}
      />
    );

  return (
    <FormDialog
      title={translate(relief ? 'lantern.relief.editTitle' : 'lantern.relief.addTitle')}
      submitLabel={translate('lantern.relief.save')}
      ready={ready}
      onSubmit={save}
      onClose={onClose}
    >
      {(fieldError) => (
        <Box sx={{ display: 'grid', gap: 3, pt: 1 }}>
          <FormGroup title={translate('lantern.relief.tVisa')}>
            <TextField
              select
              label={translate('resources.immigration-relief.fields.tVisaStatus')}
              value={tVisa}
              onChange={(event) => setTVisa(event.target.value as TVisaStatus)}
              error={Boolean(fieldError('tVisaStatus'))}
              helperText={fieldError('tVisaStatus')}
              sx={{ gridColumn: { sm: '1 / -1' } }}
            >
              {T_VISA_STATUSES.map((status) => (
                <MenuItem key={status} value={status}>
                  {vocabLabel('tVisaStatus', status)}
                </MenuItem>
              ))}
            </TextField>
            {dateInput('tVisaAppliedOn', fieldError)}
            {dateInput('tVisaDecidedOn', fieldError)}
          </FormGroup>
          <FormGroup title={translate('lantern.relief.continuedPresence')}>
            <TextField
              select
              label={translate('resources.immigration-relief.fields.continuedPresenceStatus')}
              value={cp}
              onChange={(event) => setCp(event.target.value as ContinuedPresenceStatus)}
              error={Boolean(fieldError('continuedPresenceStatus'))}
              helperText={fieldError('continuedPresenceStatus')}
              sx={{ gridColumn: { sm: '1 / -1' } }}
            >
              {CONTINUED_PRESENCE_STATUSES.map((status) => (
                <MenuItem key={status} value={status}>
                  {vocabLabel('continuedPresenceStatus', status)}
                </MenuItem>
              ))}
            </TextField>
            {dateInput('continuedPresenceRequestedOn', fieldError)}
            {dateInput('continuedPresenceDecidedOn', fieldError)}
            {dateInput('continuedPresenceExpiresOn', fieldError, true)}
          </FormGroup>
          <FormGroup title={translate('lantern.relief.hhsLetter')}>
            <TextField
              select
              label={translate('resources.immigration-relief.fields.hhsLetter')}
              value={hhs}
              onChange={(event) => setHhs(event.target.value as HhsLetterKind | '')}
              error={Boolean(fieldError('hhsLetter'))}
              helperText={fieldError('hhsLetter')}
              sx={{ gridColumn: { sm: '1 / -1' } }}
            >
              <MenuItem value="">{translate('lantern.relief.noLetter')}</MenuItem>
              {HHS_LETTER_KINDS.map((kind) => (
                <MenuItem key={kind} value={kind}>
                  {vocabLabel('hhsLetter', kind)}
                </MenuItem>
              ))}
            </TextField>
            {dateInput('hhsLetterRequestedOn', fieldError)}
            {dateInput('hhsLetterIssuedOn', fieldError)}
          </FormGroup>
          <TextField
            label={translate('resources.immigration-relief.fields.note')}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            multiline
            minRows={2}
            maxRows={6}
            error={note.length > IMMIGRATION_NOTE_MAX || Boolean(fieldError('note'))}
            helperText={fieldError('note') ?? translate('lantern.services.noteHelp', { count: note.length, max: IMMIGRATION_NOTE_MAX })}
            autoComplete="off"
          />
        </Box>
      )}
    </FormDialog>
  );
}
