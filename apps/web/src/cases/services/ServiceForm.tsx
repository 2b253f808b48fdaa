import {
  SERVICE_MAX_MINUTES,
  SERVICE_MAX_UNITS,
  SERVICE_NOTE_MAX,
  type CreateServiceDeliveryBody,
  type ServiceCategory,
  type ServiceDeliveryResponse,
  type ServiceProviderKind,
} from '@lantern/contracts';
import { Box, ListSubheader, MenuItem, TextField } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import { FormDialog } from '../../common/FormDialog';
import { formatDate } from '../../common/labels';
import { serviceLabel } from '../../common/ReferralChips';
import type { Referral } from '../../referrals/referral-types';
import { servicesApi } from './service-api';
import { localToday, serviceCategoryGroups } from './service-labels';

export interface CaseChoice {
  id: string;
  label: string;
}

/** A whole number within bounds, or null when the field is empty; NaN when it is not a valid number. */
function amount(text: string, max: number): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= max ? value : Number.NaN;
}

/**
 * "Log a service" (issue 16), or a correction of an entry: the day it was given, the OVC PMT service,
 * who gave it, how much (units, minutes or both) and a short note, encrypted at rest. Staff log on a
 * case (given, or chosen from their caseload on the dashboard); partner staff on the referral they
 * accepted, as their organization. The API checks everything again and names the field at fault.
 */
export function ServiceForm({
  mode,
  caseId: fixedCaseId,
  caseChoices,
  referralId: fixedReferralId,
  entry,
  onClose,
  onSaved,
}: {
  mode: 'staff' | 'partner';
  caseId?: string;
  /** The dashboard's quick entry: the caseworker picks one of her open cases. */
  caseChoices?: CaseChoice[];
  referralId?: string;
  entry?: ServiceDeliveryResponse;
  onClose: () => void;
  onSaved: (saved: ServiceDeliveryResponse) => void;
}) {
  const translate = useTranslate();
  const today = localToday();
  const [caseId, setCaseId] = useState(fixedCaseId ?? entry?.caseId ?? (caseChoices?.length === 1 ? caseChoices[0]!.id : ''));
  const [deliveredOn, setDeliveredOn] = useState(entry?.deliveredOn ?? today);
  const [category, setCategory] = useState<ServiceCategory | ''>(entry?.category ?? '');
  const [kind, setKind] = useState<ServiceProviderKind>(entry?.providerKind ?? (mode === 'partner' ? 'partner_org' : 'staff'));
  const [partnerOrgId, setPartnerOrgId] = useState(entry?.partnerOrgId ?? '');
  const [referralId, setReferralId] = useState(fixedReferralId ?? entry?.referralId ?? '');
  const [units, setUnits] = useState(entry?.units ? String(entry.units) : '');
  const [minutes, setMinutes] = useState(entry?.durationMinutes ? String(entry.durationMinutes) : '');
  const [note, setNote] = useState(entry?.note ?? '');
  const staff = mode === 'staff';

  const { data: partners = [] } = useGetList<{ id: string; name: string }>(
    'partner-orgs',
    { filter: { active: true }, sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: staff && kind === 'partner_org' },
  );
  // The case's referrals to that partner, to say which one the service was given under (optional).
  const { data: referrals = [] } = useGetList<Referral>(
    'referrals',
    { filter: { caseId }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 50 } },
    { enabled: staff && kind === 'partner_org' && Boolean(caseId) },
  );
  const partnerReferrals = referrals.filter((r) => r.partnerOrgId === partnerOrgId && r.status !== 'draft');

  const unitsValue = amount(units, SERVICE_MAX_UNITS);
  const minutesValue = amount(minutes, SERVICE_MAX_MINUTES);
  const amountMissing = unitsValue === null && minutesValue === null;
  const ready =
    Boolean(caseId || fixedReferralId || entry) &&
    /^\d{4}-\d{2}-\d{2}$/.test(deliveredOn) &&
    deliveredOn <= today &&
    category !== '' &&
    (kind === 'staff' || !staff || Boolean(partnerOrgId)) &&
    !Number.isNaN(unitsValue) &&
    !Number.isNaN(minutesValue) &&
    !amountMissing &&
    note.length <= SERVICE_NOTE_MAX;

  const save = async (): Promise<void> => {
    if (category === '') return;
    const what = {
      deliveredOn,
      category,
      units: unitsValue,
      durationMinutes: minutesValue,
      note: note.trim() ? note : null,
    };
    // Partner staff always log as their organization; staff say who gave it (and, for a partner, under which referral).
    const provider = !staff
      ? {}
      : kind === 'partner_org'
        ? { providerKind: kind, partnerOrgId, referralId: referralId || null }
        : { providerKind: kind, partnerOrgId: null };
    if (entry) {
      onSaved(await servicesApi.update(entry.id, { ...what, ...provider, version: entry.version }));
      return;
    }
    const body: CreateServiceDeliveryBody = staff ? { ...what, ...provider, caseId } : { ...what, referralId: fixedReferralId };
    onSaved(await servicesApi.create(body));
  };

  const groups: ReactNode[] = serviceCategoryGroups().flatMap((group) => [
    <ListSubheader key={group.category}>{group.label}</ListSubheader>,
    ...group.services.map((service) => (
      <MenuItem key={service.value} value={service.value} sx={{ whiteSpace: 'normal' }}>
        {service.label}
      </MenuItem>
    )),
  ]);

  return (
    <FormDialog
      title={translate(entry ? 'lantern.services.editTitle' : 'lantern.services.addTitle')}
      submitLabel={translate('lantern.services.save')}
      ready={ready}
      onSubmit={save}
      onClose={onClose}
    >
      {(fieldError) => (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, pt: 1 }}>
          {caseChoices && !entry && (
            <TextField
              select
              required
              label={translate('lantern.services.case')}
              value={caseId}
              onChange={(event) => setCaseId(event.target.value)}
              error={Boolean(fieldError('caseId'))}
              helperText={fieldError('caseId')}
              sx={{ gridColumn: { sm: '1 / -1' } }}
              slotProps={{ htmlInput: { 'data-testid': 'service-case' } }}
            >
              {caseChoices.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.label}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField
            label={translate('resources.service-deliveries.fields.deliveredOn')}
            type="date"
            required
            value={deliveredOn}
            onChange={(event) => setDeliveredOn(event.target.value)}
            error={deliveredOn > today || Boolean(fieldError('deliveredOn'))}
            helperText={fieldError('deliveredOn') ?? (deliveredOn > today ? translate('lantern.common.notInFuture') : undefined)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
          />
          <TextField
            select
            required
            label={translate('resources.service-deliveries.fields.category')}
            value={category}
            onChange={(event) => setCategory(event.target.value as ServiceCategory)}
            error={Boolean(fieldError('category'))}
            helperText={fieldError('category') ?? translate('lantern.services.categoryHelp')}
            slotProps={{ htmlInput: { 'data-testid': 'service-category' }, select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 420 } } } } } }}
          >
            {groups}
          </TextField>
          {staff && (
            <TextField
              select
              label={translate('resources.service-deliveries.fields.providerKind')}
              value={kind}
              onChange={(event) => setKind(event.target.value as ServiceProviderKind)}
              error={Boolean(fieldError('providerKind') ?? fieldError('providerUserId'))}
              helperText={fieldError('providerKind') ?? fieldError('providerUserId')}
            >
              <MenuItem value="staff">{translate('lantern.services.providerStaff')}</MenuItem>
              <MenuItem value="partner_org">{translate('lantern.services.providerPartner')}</MenuItem>
            </TextField>
          )}
          {staff && kind === 'partner_org' && (
            <TextField
              select
              required
              label={translate('resources.service-deliveries.fields.partnerOrgId')}
              value={partnerOrgId}
              onChange={(event) => {
                setPartnerOrgId(event.target.value);
                setReferralId('');
              }}
              error={Boolean(fieldError('partnerOrgId'))}
              helperText={fieldError('partnerOrgId')}
            >
              {partners.map((p) => (
                <MenuItem key={p.id} value={p.id}>
                  {p.name}
                </MenuItem>
              ))}
            </TextField>
          )}
          {staff && kind === 'partner_org' && partnerReferrals.length > 0 && (
            <TextField
              select
              label={translate('resources.service-deliveries.fields.referralId')}
              value={referralId}
              onChange={(event) => setReferralId(event.target.value)}
              error={Boolean(fieldError('referralId'))}
              helperText={fieldError('referralId')}
            >
              <MenuItem value="">{translate('lantern.services.noReferral')}</MenuItem>
              {partnerReferrals.map((r) => (
                <MenuItem key={r.id} value={r.id}>
                  {translate('lantern.services.referralOption', { service: serviceLabel(r.serviceType), date: formatDate(r.sentAt ?? r.createdAt) })}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField
            label={translate('resources.service-deliveries.fields.units')}
            type="number"
            value={units}
            onChange={(event) => setUnits(event.target.value)}
            error={Number.isNaN(unitsValue) || Boolean(fieldError('units'))}
            helperText={fieldError('units') ?? translate('lantern.services.unitsHelp')}
            slotProps={{ htmlInput: { min: 1, max: SERVICE_MAX_UNITS, step: 1, inputMode: 'numeric' } }}
          />
          <TextField
            label={translate('resources.service-deliveries.fields.durationMinutes')}
            type="number"
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
            error={Number.isNaN(minutesValue) || Boolean(fieldError('durationMinutes'))}
            helperText={fieldError('durationMinutes') ?? (amountMissing ? translate('lantern.services.amountNeeded') : undefined)}
            slotProps={{ htmlInput: { min: 1, max: SERVICE_MAX_MINUTES, step: 1, inputMode: 'numeric' } }}
          />
          <TextField
            label={translate('resources.service-deliveries.fields.note')}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            multiline
            minRows={2}
            maxRows={6}
            error={note.length > SERVICE_NOTE_MAX || Boolean(fieldError('note'))}
            helperText={fieldError('note') ?? translate('lantern.services.noteHelp', { count: note.length, max: SERVICE_NOTE_MAX })}
            autoComplete="off"
            sx={{ gridColumn: { sm: '1 / -1' } }}
          />
        </Box>
      )}
    </FormDialog>
  );
}
