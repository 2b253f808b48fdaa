import { Alert, Box, Chip, FormControl, FormControlLabel, FormHelperText, FormLabel, MenuItem, Radio, RadioGroup, Skeleton, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatRate, languageName } from '../../common/labels';
import { toApiError } from '../../providers/http';
import type { ReferralSuggestion } from '../../referrals/referral-types';
import type { ReferralDraft } from './use-referral-draft';

function SuggestionOption({ suggestion, current }: { suggestion: ReferralSuggestion; current: boolean }) {
  const translate = useTranslate();
  return (
    <Box sx={{ py: 0.5 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {suggestion.name}
        </Typography>
        {current && <Chip size="small" variant="outlined" label={translate('lantern.referralDialog.currentPartner')} />}
      </Stack>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate('lantern.referralDialog.openPlaces', { smart_count: suggestion.capacity })}
        {' · '}
        {suggestion.matchedLanguages.length > 0
          ? translate('lantern.referralDialog.speaks', { languages: suggestion.matchedLanguages.map(languageName).join(', ') })
          : suggestion.languages.length === 0
            ? translate('lantern.referralDialog.languagesNotListed')
            : translate('lantern.referralDialog.noLanguageInCommon')}
        {' · '}
        {suggestion.acceptanceRate === null
          ? translate('lantern.referralDialog.noneAnswered')
          : translate('lantern.referralDialog.accepts', { rate: formatRate(suggestion.acceptanceRate) })}
        {suggestion.serviceArea ? ` · ${suggestion.serviceArea}` : ''}
      </Typography>
    </Box>
  );
}

/** The partner: the suggested ones first (best first, with why), then any other that offers the service. */
export function ReferralPartnerField({ draft, error }: { draft: ReferralDraft; error: string | undefined }) {
  const translate = useTranslate();
  const { suggestions, suggested, others, partnerOrgId, setPartnerOrgId, excludedPartner } = draft;
  return (
    <FormControl component="fieldset" required error={Boolean(error)} sx={{ width: '100%', mb: 2 }}>
      <FormLabel component="legend">{translate('resources.referrals.fields.partnerOrgId')}</FormLabel>
      {suggestions.isPending ? (
        <Skeleton variant="rounded" height={72} />
      ) : suggestions.error ? (
        <Alert severity="warning" variant="outlined" role="note" sx={{ my: 1 }}>
          {translate('lantern.referralDialog.suggestionsFailed', { message: toApiError(suggestions.error).message })}
        </Alert>
      ) : suggested.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ my: 1 }}>
          {translate('lantern.referralDialog.noSuggestion')}
        </Typography>
      ) : (
        <>
          <Typography variant="caption" color="text.secondary">
            {translate('lantern.referralDialog.suggestedHint')}
          </Typography>
          <RadioGroup
            aria-label={translate('lantern.referralDialog.suggested')}
            value={suggested.some((s) => s.partnerOrgId === partnerOrgId) ? partnerOrgId : ''}
            onChange={(event) => setPartnerOrgId(event.target.value)}
          >
            {suggested.map((suggestion) => (
              <FormControlLabel
                key={suggestion.partnerOrgId}
                value={suggestion.partnerOrgId}
                disabled={suggestion.partnerOrgId === excludedPartner}
                control={<Radio size="small" slotProps={{ input: { 'aria-label': suggestion.name } }} />}
                label={<SuggestionOption suggestion={suggestion} current={suggestion.partnerOrgId === excludedPartner} />}
                sx={{ alignItems: 'flex-start', '& .MuiRadio-root': { pt: 1 } }}
              />
            ))}
          </RadioGroup>
        </>
      )}
      {others.length > 0 && (
        <TextField
          select
          label={translate('lantern.referralDialog.another')}
          value={others.some((p) => p.id === partnerOrgId) ? partnerOrgId : ''}
          onChange={(event) => setPartnerOrgId(event.target.value)}
          size="small"
          sx={{ mt: 1, maxWidth: 420 }}
        >
          {others.map((partner) => (
            <MenuItem key={partner.id} value={partner.id} disabled={partner.id === excludedPartner}>
              {partner.name}
              {' · '}
              {partner.acceptingReferrals
                ? translate('lantern.referralDialog.openCount', { count: partner.capacity })
                : translate('lantern.referralDialog.notAccepting')}
            </MenuItem>
          ))}
        </TextField>
      )}
      <FormHelperText>{error ?? ' '}</FormHelperText>
    </FormControl>
  );
}
