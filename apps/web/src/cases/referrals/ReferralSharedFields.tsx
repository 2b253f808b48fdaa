import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { SHAREABLE_SURVIVOR_FIELDS } from '@lantern/contracts';
import { Button, Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, Skeleton, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { SURVIVOR_FIELD_LABELS } from '../../common/labels';
import type { ReferralDraft } from './use-referral-draft';

/** The survivor details to share, each marked when a live consent for the chosen partner covers it. */
export function ReferralSharedFields({ draft, error }: { draft: ReferralDraft; error: string | undefined }) {
  const translate = useTranslate();
  const { partnerOrgId, consentsPending, covered, uncovered, partnerName, sharedFields, setSharedFields, toggleField } = draft;
  return (
    <FormControl component="fieldset" error={Boolean(error)} sx={{ width: '100%' }}>
      <FormLabel component="legend">{translate('lantern.referralDialog.detailsToShare')}</FormLabel>
      {partnerOrgId ? (
        consentsPending ? (
          <Skeleton width={320} />
        ) : covered.size > 0 ? (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', my: 0.5, flexWrap: 'wrap' }} useFlexGap>
            <Typography variant="body2" color="success.main" data-testid="consent-hint">
              {translate('lantern.referralDialog.covers', { partner: partnerName, smart_count: covered.size })}
            </Typography>
            <Button size="small" onClick={() => setSharedFields(SHAREABLE_SURVIVOR_FIELDS.filter((field) => covered.has(field)))}>
              {translate('lantern.referralDialog.shareConsented')}
            </Button>
          </Stack>
        ) : (
          <Typography variant="body2" color="warning.main" sx={{ my: 0.5 }} data-testid="consent-hint">
            {translate('lantern.referralDialog.noConsent', { partner: partnerName })}
          </Typography>
        )
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ my: 0.5 }}>
          {translate('lantern.referralDialog.choosePartner')}
        </Typography>
      )}
      <FormGroup sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: '1fr 1fr 1fr' } }}>
        {SHAREABLE_SURVIVOR_FIELDS.map((field) => (
          <FormControlLabel
            key={field}
            control={<Checkbox size="small" checked={sharedFields.includes(field)} onChange={() => toggleField(field)} />}
            label={
              <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                <span>{SURVIVOR_FIELD_LABELS[field] ?? field}</span>
                {covered.has(field) && <CheckCircleIcon color="success" sx={{ fontSize: 16 }} titleAccess={translate('lantern.referralDialog.consented')} />}
              </Stack>
            }
          />
        ))}
      </FormGroup>
      <FormHelperText>
        {error ??
          (uncovered.length > 0 && partnerOrgId && !consentsPending
            ? translate('lantern.referralDialog.notCovered', { fields: uncovered.map((f) => SURVIVOR_FIELD_LABELS[f] ?? f).join(', ') })
            : translate('lantern.referralDialog.shareOnly'))}
      </FormHelperText>
    </FormControl>
  );
}
