import { DOCUMENT_KINDS, documentShareItem, type CaseResponse, type ConsentMethod, type ConsentPurpose, type ConsentSharedItem, type PartnerOrgResponse } from '@lantern/contracts';
import { Box, Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, MenuItem, Radio, RadioGroup, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRefresh, useTranslate } from 'react-admin';
import { FormDialog } from '../../common/FormDialog';
import { CONSENT_METHOD_CHOICES, CONSENT_PURPOSE_CHOICES, SHAREABLE_FIELD_CHOICES } from '../../common/labels';
import { sharedItemLabel } from '../../documents/document-labels';
import type { LanternDataProvider } from '../../providers/data-provider';
import { useLabelText } from '../../custom-fields/custom-value-text';
import { useConsentCustomItems } from './consent-custom-items';

const today = (): string => new Date().toISOString().slice(0, 10);

/** The end of the chosen day, in the caseworker's time zone, as an instant. */
function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59`).toISOString();
}

/** One group of items a consent may share (survivor fields, the organization's own fields, kinds of documents), as checkboxes. */
function ShareItems(props: {
  legend: string;
  help: string;
  items: { item: ConsentSharedItem; label: string }[];
  chosen: ConsentSharedItem[];
  toggle: (item: ConsentSharedItem) => void;
  error?: boolean;
  testId?: string;
}) {
  const { legend, help, items, chosen, toggle, error, testId } = props;
  return (
    <FormControl component="fieldset" error={error} sx={{ mb: 2, width: '100%' }} data-testid={testId}>
      <FormLabel component="legend">{legend}</FormLabel>
      <FormGroup sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
        {items.map(({ item, label }) => (
          <FormControlLabel key={item} control={<Checkbox size="small" checked={chosen.includes(item)} onChange={() => toggle(item)} />} label={label} />
        ))}
      </FormGroup>
      <FormHelperText>{help}</FormHelperText>
    </FormControl>
  );
}

/** Record what the survivor agreed to. A consent is never edited: it is revoked and a new one recorded. */
export function AddConsentDialog({ open, onClose, record }: { open: boolean; onClose: () => void; record: CaseResponse }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [purpose, setPurpose] = useState<ConsentPurpose | ''>('');
  const [partnerOrgId, setPartnerOrgId] = useState('');
  const [sharedFields, setSharedFields] = useState<ConsentSharedItem[]>(['alias']);
  const [method, setMethod] = useState<ConsentMethod | ''>('');
  const [expiresOn, setExpiresOn] = useState('');
  const sharing = purpose === 'share_with_partner';
  const { data: partners = [], isPending: partnersPending } = useGetList<PartnerOrgResponse>(
    'partner-orgs',
    { filter: { acceptingReferrals: true, active: true }, sort: { field: 'name', order: 'ASC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: open && sharing },
  );
  const { data: customItems = [] } = useConsentCustomItems(open && sharing);
  const labelText = useLabelText();
  const ready = Boolean(purpose && method && (!sharing || (partnerOrgId && sharedFields.length > 0)) && (!expiresOn || expiresOn >= today()));

  const close = (): void => {
    setPurpose('');
    setPartnerOrgId('');
    setSharedFields(['alias']);
    setMethod('');
    setExpiresOn('');
    onClose();
  };

  const toggleField = (field: ConsentSharedItem): void =>
    setSharedFields((current) => (current.includes(field) ? current.filter((f) => f !== field) : [...current, field]));

  const submit = async (): Promise<void> => {
    if (!purpose || !method) return;
    await dataProvider.create('consents', {
      data: {
        survivorId: record.survivorId,
        caseId: record.id,
        purpose,
        method,
        ...(sharing ? { partnerOrgId, sharedFields } : {}),
        ...(expiresOn ? { expiresAt: endOfDay(expiresOn) } : {}),
      },
    });
    notify('lantern.consent.recorded', { type: 'success' });
    refresh();
  };

  return (
    <FormDialog open={open} title={translate('lantern.consent.record')} submitLabel={translate('lantern.consent.record')} ready={ready} onSubmit={submit} onClose={close}>
      {(fieldError) => (
        <>
          <TextField
            select
            label={translate('lantern.consent.purposeLabel')}
            value={purpose}
            onChange={(event) => setPurpose(event.target.value as ConsentPurpose)}
            fullWidth
            required
            error={Boolean(fieldError('purpose'))}
            helperText={fieldError('purpose') ?? ' '}
            sx={{ mt: 1 }}
          >
            {CONSENT_PURPOSE_CHOICES.map((choice) => (
              <MenuItem key={choice.id} value={choice.id}>
                {choice.name}
              </MenuItem>
            ))}
          </TextField>
          {sharing && (
            <>
              <TextField
                select
                label={translate('resources.consents.fields.partnerOrgId')}
                value={partnerOrgId}
                onChange={(event) => setPartnerOrgId(event.target.value)}
                fullWidth
                required
                disabled={partnersPending}
                error={Boolean(fieldError('partnerOrgId'))}
                helperText={fieldError('partnerOrgId') ?? (partnersPending ? translate('lantern.consent.loadingPartners') : translate('lantern.consent.partnersAccepting'))}
                sx={{ mb: 2 }}
              >
                {partners.map((partner) => (
                  <MenuItem key={partner.id} value={partner.id}>
                    {partner.name}
                  </MenuItem>
                ))}
              </TextField>
              <ShareItems
                legend={translate('lantern.consent.partnerMaySee')}
                help={fieldError('sharedFields') ?? translate('lantern.consent.sharedHelp')}
                error={Boolean(fieldError('sharedFields')) || sharedFields.length === 0}
                items={SHAREABLE_FIELD_CHOICES.map((choice) => ({ item: choice.id as ConsentSharedItem, label: choice.name }))}
                chosen={sharedFields}
                toggle={toggleField}
              />
              {customItems.length > 0 && (
                <ShareItems
                  legend={translate('lantern.consent.customMaySee')}
                  help={translate('lantern.consent.customMaySeeHelp')}
                  items={customItems.map((custom) => ({ item: custom.item as ConsentSharedItem, label: labelText(custom.label) }))}
                  chosen={sharedFields}
                  toggle={toggleField}
                  testId="consent-custom-items"
                />
              )}
              <ShareItems
                legend={translate('lantern.documents.partnerMaySee')}
                help={translate('lantern.documents.partnerMaySeeHelp')}
                items={DOCUMENT_KINDS.map((kind) => ({ item: documentShareItem(kind), label: sharedItemLabel(documentShareItem(kind)) }))}
                chosen={sharedFields}
                toggle={toggleField}
              />
            </>
          )}
          <FormControl component="fieldset" required error={Boolean(fieldError('method'))} sx={{ mb: 1 }}>
            <FormLabel component="legend">{translate('resources.consents.fields.method')}</FormLabel>
            <RadioGroup row value={method} onChange={(event) => setMethod(event.target.value as ConsentMethod)}>
              {CONSENT_METHOD_CHOICES.map((choice) => (
                <FormControlLabel key={choice.id} value={choice.id} control={<Radio size="small" />} label={choice.name} />
              ))}
            </RadioGroup>
            {fieldError('method') && <FormHelperText>{fieldError('method')}</FormHelperText>}
          </FormControl>
          <Box>
            <TextField
              label={translate('lantern.consent.expiresOn')}
              type="date"
              value={expiresOn}
              onChange={(event) => setExpiresOn(event.target.value)}
              error={Boolean(fieldError('expiresAt')) || Boolean(expiresOn && expiresOn < today())}
              helperText={fieldError('expiresAt') ?? translate('lantern.consent.expiresHelp')}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: today() } }}
              sx={{ width: 260 }}
            />
          </Box>
        </>
      )}
    </FormDialog>
  );
}
