import BlockIcon from '@mui/icons-material/Block';
import EditIcon from '@mui/icons-material/Edit';
import { SERVICE_CATEGORY_INFO, type ServiceCategory, type ServiceDeliveryResponse } from '@lantern/contracts';
import { Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatDate } from '../../common/labels';
import { StaffName } from '../../common/StaffName';
import { PartnerName } from '../../referrals/PartnerName';
import { serviceAmount, serviceCategoryLabel, vocaCategoryLabel } from './service-labels';

/** Who gave a service: a staff member, or a partner organization. */
function Provider({ entry }: { entry: ServiceDeliveryResponse }) {
  const translate = useTranslate();
  if (entry.providerKind === 'partner_org') return <PartnerName partnerOrgId={entry.partnerOrgId} fallback={translate('lantern.services.providerPartner')} />;
  return <StaffName userId={entry.providerUserId} />;
}

/**
 * One service given, as a row that wraps on a phone: the day, the service (with its PMT code and VOCA
 * category), who gave it, how much, the note; a voided entry is shown struck through with its reason.
 */
export function ServiceRow({
  entry,
  onEdit,
  onVoid,
  showReferral = true,
}: {
  entry: ServiceDeliveryResponse;
  onEdit?: () => void;
  onVoid?: () => void;
  /** Off on a referral's own page, where every entry is on that referral. */
  showReferral?: boolean;
}) {
  const translate = useTranslate();
  const info = Object.hasOwn(SERVICE_CATEGORY_INFO, entry.category) ? SERVICE_CATEGORY_INFO[entry.category as ServiceCategory] : undefined;
  const label = serviceCategoryLabel(entry.category);
  const voided = Boolean(entry.voidedAt);
  return (
    <Paper variant="outlined" component="li" sx={{ p: 1.5, listStyle: 'none', opacity: voided ? 0.75 : 1 }} data-testid="service-row">
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'flex-start' } }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="overline" color="text.secondary" component="p" sx={{ lineHeight: 1.5 }}>
            {formatDate(entry.deliveredOn)}
            {info ? ` · ${vocaCategoryLabel(info.category)}` : ''}
          </Typography>
          <Typography variant="subtitle2" component="h4" sx={{ overflowWrap: 'anywhere', textDecoration: voided ? 'line-through' : undefined }}>
            {info ? `${info.code} · ${label}` : label}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            {translate('lantern.services.givenBy')} <Provider entry={entry} />
            {serviceAmount(entry.units, entry.durationMinutes) ? ` · ${serviceAmount(entry.units, entry.durationMinutes)}` : ''}
          </Typography>
          {entry.note && (
            <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {entry.note}
            </Typography>
          )}
          {voided && (
            <Typography variant="body2" color="warning.main" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>
              {translate('lantern.services.voidedBecause', { date: formatDate(entry.voidedAt), reason: entry.voidReason ?? '' })}
            </Typography>
          )}
        </Box>
        <Stack spacing={1} sx={{ alignItems: { xs: 'flex-start', sm: 'flex-end' } }}>
          {voided ? (
            <Chip size="small" label={translate('lantern.services.voided')} />
          ) : showReferral && entry.referralId ? (
            <Chip size="small" variant="outlined" label={translate('lantern.services.onReferral')} />
          ) : null}
          {!voided && (onEdit || onVoid) && (
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {onEdit && (
                <Button size="small" startIcon={<EditIcon />} onClick={onEdit} aria-label={translate('lantern.services.editOf', { service: label })}>
                  {translate('lantern.services.edit')}
                </Button>
              )}
              {onVoid && (
                <Button size="small" color="warning" startIcon={<BlockIcon />} onClick={onVoid} aria-label={translate('lantern.services.voidOf', { service: label })}>
                  {translate('lantern.services.void')}
                </Button>
              )}
            </Stack>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}
