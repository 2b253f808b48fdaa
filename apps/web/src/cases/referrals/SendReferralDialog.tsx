import SendIcon from '@mui/icons-material/Send';
import type { CustomValuesResponse } from '@lantern/contracts';
import { Alert, AlertTitle, Box, DialogContentText, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ValueChips } from '../../common/CaseChips';
import { useLabelText } from '../../custom-fields/custom-value-text';
import { FormDialog } from '../../common/FormDialog';
import { SURVIVOR_FIELD_LABELS } from '../../common/labels';
import { translate as translateNow } from '../../i18n/translate';
import type { LanternDataProvider } from '../../providers/data-provider';
import { errorMessageOf, toApiError, type ApiError } from '../../providers/http';
import { CONSENT_MISSING, type Referral } from '../../referrals/referral-types';

/** A coordinator's written reason for sending without a covering consent must say something. */
export const OVERRIDE_MIN_LENGTH = 10;

interface Missing {
  message: string;
  lines: string[];
}

/** The field names the API lists after the colon ("not covered by a live consent: alias, phone"). */
export function uncoveredFieldsOf(messages: readonly string[] | undefined): string[] {
  return (messages ?? []).flatMap((message) => {
    const list = message.slice(message.lastIndexOf(':') + 1);
    return list.split(',').map((field) => field.trim()).filter(Boolean);
  });
}

/**
 * What the dialog says: "no live consent" only when there is none (the API names `consent` then);
 * when a live consent covers less than the referral shares, which details it does not cover. Either
 * way, exactly the missing details, by their labels.
 */
function missingOf(error: ApiError, partnerName: string): Missing {
  const { fieldErrors } = error.body;
  const fields = uncoveredFieldsOf(fieldErrors.sharedFields);
  const message = fieldErrors.consent
    ? translateNow('lantern.sendReferral.noLiveConsent', { partner: partnerName })
    : translateNow('lantern.sendReferral.consentDoesNotCover', { partner: partnerName, smart_count: fields.length });
  const lines = fields.map((field) => (Object.hasOwn(SURVIVOR_FIELD_LABELS, field) ? SURVIVOR_FIELD_LABELS[field]! : field));
  return { message: lines.length > 0 ? message : error.message, lines };
}

/** What a send refused as incomplete says: the missing fields by name, or what to do when none is named. */
function incompleteMessage(labels: string[]): string {
  return labels.length > 0 ? translateNow('lantern.sendReferral.requiredMissing', { fields: labels.join(', ') }) : errorMessageOf('REFERRAL_INCOMPLETE');
}

/**
 * Sending discloses the shared details to the partner: the coordinator sees what goes where first.
 * When no live consent covers them the API refuses (422); the coordinator may still send, with a
 * written reason that is audited and shown on the case.
 */
export function SendReferralDialog({
  open,
  onClose,
  referral,
  partnerName,
}: {
  open: boolean;
  onClose: () => void;
  referral: Referral;
  partnerName: string;
}) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [missing, setMissing] = useState<Missing | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const trimmed = overrideReason.trim();
  const labelText = useLabelText();
  // The referral's required fields a refused send named, as she knows them (set before the refusal shows).
  const incomplete = useRef<string[]>([]);

  /**
   * The `custom.<key>` a REFERRAL_INCOMPLETE names, by their labels in her language (the referral's "More
   * details", read only then, as the close dialog does); a field her role may not read keeps its key.
   */
  const incompleteLabels = async (error: ApiError): Promise<string[]> => {
    const keys = Object.keys(error.body.fieldErrors).filter((path) => path.startsWith('custom.')).map((path) => path.slice('custom.'.length));
    const fields = await dataProvider
      .getOne<CustomValuesResponse>('custom-values/referral', { id: referral.id })
      .then(({ data }) => data.fields)
      .catch(() => []);
    return keys.map((key) => {
      const field = fields.find((f) => f.key === key);
      return field ? labelText(field.label) : key;
    });
  };

  useEffect(() => {
    if (!open) return;
    setMissing(null);
    setOverrideReason('');
  }, [open]);

  /** Sends; a refusal for want of consent turns the dialog into the override step instead of an error. */
  const send = async (): Promise<void | 'stay'> => {
    try {
      await dataProvider.transitionReferral(referral.id, {
        to: 'sent',
        version: referral.version,
        ...(missing ? { overrideReason: trimmed } : {}),
      });
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.status === 422 && apiError.code === CONSENT_MISSING && !missing) {
        setMissing(missingOf(apiError, partnerName));
        return 'stay';
      }
      if (apiError.code === 'REFERRAL_INCOMPLETE') incomplete.current = await incompleteLabels(apiError);
      throw caught;
    }
    notify(missing ? 'lantern.sendReferral.sentOverride' : 'lantern.sendReferral.sent', {
      type: 'success',
      messageArgs: { partner: partnerName },
    });
    refresh();
  };

  return (
    <FormDialog
      open={open}
      title={missing ? translate('lantern.sendReferral.consentMissing') : translate('lantern.sendReferral.title', { partner: partnerName })}
      submitLabel={missing ? translate('lantern.sendReferral.sendAnyway') : translate('lantern.sendReferral.send')}
      submitColor={missing ? 'warning' : 'primary'}
      submitIcon={missing ? undefined : <SendIcon />}
      cancelLabel={missing ? translate('ra.action.close') : undefined}
      ready={!missing || trimmed.length >= OVERRIDE_MIN_LENGTH}
      onSubmit={send}
      onClose={onClose}
      // Required details of the organization's referral form still empty: which ones, by their labels.
      messageOf={(error) => (error.code === 'REFERRAL_INCOMPLETE' ? incompleteMessage(incomplete.current) : error.message)}
    >
      {(fieldError) =>
        !missing ? (
          <>
            <DialogContentText sx={{ mb: 1.5 }}>
              {translate('lantern.sendReferral.text', { partner: partnerName })}
            </DialogContentText>
            <ValueChips values={referral.sharedFields} labels={SURVIVOR_FIELD_LABELS} empty={translate('lantern.referralCard.noDetails')} />
          </>
        ) : (
          <>
            <Alert severity="warning" role="alert" sx={{ mb: 2 }} data-testid="consent-missing">
              <AlertTitle>{missing.message}</AlertTitle>
              {missing.lines.length > 0 && (
                <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                  {missing.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </Box>
              )}
            </Alert>
            <Typography variant="body2" sx={{ mb: 2 }}>
              {translate('lantern.sendReferral.overrideText')}
            </Typography>
            <TextField
              label={translate('lantern.sendReferral.overrideLabel')}
              value={overrideReason}
              onChange={(event) => setOverrideReason(event.target.value)}
              required
              multiline
              minRows={2}
              fullWidth
              autoFocus
              error={Boolean(fieldError('overrideReason'))}
              helperText={
                fieldError('overrideReason') ??
                (trimmed.length < OVERRIDE_MIN_LENGTH
                  ? translate('lantern.common.atLeast', { min: OVERRIDE_MIN_LENGTH, length: trimmed.length, max: 500 })
                  : `${trimmed.length}/500`)
              }
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
          </>
        )
      }
    </FormDialog>
  );
}
