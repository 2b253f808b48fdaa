import { REFERRAL_URGENCIES, type CaseResponse, type ReferralUrgency, type ServiceType } from '@lantern/contracts';
import { Alert, Box, Checkbox, FormControl, FormControlLabel, FormHelperText, MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { SERVICE_TYPE_CHOICES } from '../../common/choices';
import { FormDialog } from '../../common/FormDialog';
import { NewRecordCustomFields } from '../../custom-fields/NewRecordCustomFields';
import { REFERRAL_URGENCY_LABELS } from '../../common/labels';
import { ReferralPartnerField } from './ReferralPartnerField';
import { ReferralSharedFields } from './ReferralSharedFields';
import { useReferralDraft, type ReferralDialogMode } from './use-referral-draft';

export { consentedFields, type ReferralDialogMode } from './use-referral-draft';

const titles = {
  new: { caseworker: 'lantern.referralDialog.titleRequest', other: 'lantern.referralCard.new' },
  edit: 'lantern.referralDialog.titleEdit',
  reroute: 'lantern.referralDialog.titleReroute',
};

/**
 * A referral draft: the service, a partner (suggested ones first, best first), urgency, reason and the
 * survivor details to share — each marked when a live consent for that partner covers it. Sending is
 * a coordinator's separate step, where the API checks the consent again.
 */
export function ReferralDialog({
  open,
  onClose,
  record,
  mode,
  asCaseworker,
}: {
  open: boolean;
  onClose: () => void;
  record: CaseResponse;
  mode: ReferralDialogMode;
  asCaseworker: boolean;
}) {
  const translate = useTranslate();
  const draft = useReferralDraft({ open, record, mode, asCaseworker });
  const { serviceType, urgency, reason, sharedFields, uncovered, rerouteOpen, rerouteReason, partnerOrgId, consentsPending } = draft;

  const title = translate(mode.kind === 'new' ? (asCaseworker ? titles.new.caseworker : titles.new.other) : titles[mode.kind]);
  const submitLabel = translate(
    mode.kind === 'edit'
      ? 'lantern.referralDialog.saveDraft'
      : mode.kind === 'reroute'
        ? 'lantern.referralCard.reroute'
        : asCaseworker
          ? 'lantern.referralCard.request'
          : 'lantern.referralDialog.saveDraft',
  );

  return (
    <FormDialog
      open={open}
      title={`${title} · ${record.caseNumber}`}
      submitLabel={submitLabel}
      ready={draft.ready}
      onSubmit={draft.submit}
      onClose={onClose}
      maxWidth="md"
    >
      {(fieldError) => (
        <>
          {mode.kind === 'reroute' && (
            <Alert severity="info" variant="outlined" role="note" sx={{ mb: 2 }}>
              {rerouteOpen
                ? translate('lantern.referralDialog.rerouteOpenText')
                : translate('lantern.referralDialog.rerouteDeclinedText')}
            </Alert>
          )}
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr' }, mt: 1 }}>
            <TextField
              select
              label={translate('resources.referrals.fields.serviceType')}
              value={serviceType}
              onChange={(event) => draft.chooseService(event.target.value as ServiceType)}
              required
              error={Boolean(fieldError('serviceType'))}
              helperText={fieldError('serviceType') ?? ' '}
            >
              {SERVICE_TYPE_CHOICES.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={translate('resources.referrals.fields.urgency')}
              value={urgency}
              onChange={(event) => draft.setUrgency(event.target.value as ReferralUrgency)}
              required
              error={Boolean(fieldError('urgency'))}
              helperText={fieldError('urgency') ?? ' '}
            >
              {REFERRAL_URGENCIES.map((value) => (
                <MenuItem key={value} value={value}>
                  {REFERRAL_URGENCY_LABELS[value]}
                </MenuItem>
              ))}
            </TextField>
          </Box>

          {serviceType && <ReferralPartnerField draft={draft} error={fieldError('partnerOrgId')} />}

          <TextField
            label={translate('lantern.referralDialog.reason')}
            value={reason}
            onChange={(event) => draft.setReason(event.target.value)}
            multiline
            minRows={2}
            fullWidth
            error={Boolean(fieldError('reason'))}
            helperText={fieldError('reason') ?? `${reason.trim().length}/2000`}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
            sx={{ mb: 2 }}
          />

          <ReferralSharedFields draft={draft} error={fieldError('sharedFields')} />
          <NewRecordCustomFields custom={draft.custom} fieldError={fieldError} requiredHint={translate('lantern.customValues.requiredToSend')} />

          {rerouteOpen && (
            <TextField
              label={translate('lantern.referralDialog.rerouteReason')}
              value={rerouteReason}
              onChange={(event) => draft.setRerouteReason(event.target.value)}
              required
              multiline
              minRows={2}
              fullWidth
              error={Boolean(fieldError('rerouteReason'))}
              helperText={fieldError('rerouteReason') ?? `${rerouteReason.trim().length}/500`}
              slotProps={{ htmlInput: { maxLength: 500 } }}
              sx={{ mt: 2 }}
            />
          )}

          {draft.offersSendNow && (
            <FormControl sx={{ mt: 2, display: 'block' }} error={Boolean(fieldError('send'))}>
              <FormControlLabel
                control={
                  <Checkbox
                    size="small"
                    checked={draft.sendsNow}
                    disabled={sharedFields.length === 0 || uncovered.length > 0 || consentsPending || !partnerOrgId}
                    onChange={(event) => draft.setSendNow(event.target.checked)}
                  />
                }
                label={translate('lantern.referralDialog.sendNow')}
              />
              <FormHelperText>
                {fieldError('send') ??
                  (sharedFields.length > 0 && uncovered.length === 0
                    ? translate('lantern.referralDialog.allCovered')
                    : translate('lantern.referralDialog.sendNowHelp'))}
              </FormHelperText>
            </FormControl>
          )}
        </>
      )}
    </FormDialog>
  );
}
