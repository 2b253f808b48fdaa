import type { ServiceType } from '@lantern/contracts';
import {
  Alert,
  Box,
  Card,
  Chip,
  FormControlLabel,
  MenuItem,
  Skeleton,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import { SERVICE_TYPE_CHOICES } from '../common/choices';
import { formatRate, languageName } from '../common/labels';
import { serviceLabel } from '../common/ReferralChips';
import type { LanternDataProvider } from '../providers/data-provider';
import { toApiError } from '../providers/http';

/** Partners to refer to: what they offer, where, in which languages, how much room and how they answer. */
export function PartnerDirectory() {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const translate = useTranslate();
  const [serviceType, setServiceType] = useState<ServiceType | ''>('');
  const [acceptingOnly, setAcceptingOnly] = useState(false);
  const { data = [], isPending, error } = useQuery({
    queryKey: ['partner-orgs', 'directory'],
    queryFn: () => dataProvider.partnerDirectory(),
  });
  const rows = data
    .filter((partner) => !serviceType || partner.serviceTypes.includes(serviceType))
    .filter((partner) => !acceptingOnly || (partner.acceptingReferrals && partner.capacity > 0))
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <Box sx={{ py: 2 }}>
      <Title title="lantern.menu.partnerDirectory" />
      <Typography variant="h5" component="h1" sx={{ mb: 0.5 }}>
        {translate('lantern.menu.partnerDirectory')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {translate('lantern.directory.intro')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }} useFlexGap>
        <TextField
          select
          size="small"
          label={translate('resources.partner-orgs.fields.serviceType')}
          value={serviceType}
          onChange={(event) => setServiceType(event.target.value as ServiceType | '')}
          fullWidth={false}
          sx={{ width: 260 }}
        >
          <MenuItem value="">{translate('lantern.board.anyService')}</MenuItem>
          {SERVICE_TYPE_CHOICES.map((choice) => (
            <MenuItem key={choice.id} value={choice.id}>
              {choice.name}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={<Switch checked={acceptingOnly} onChange={(event) => setAcceptingOnly(event.target.checked)} />}
          label={translate('lantern.directory.openOnly')}
        />
      </Stack>
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={200} />
      ) : rows.length === 0 ? (
        <Alert severity="info" variant="outlined">
          {translate('lantern.directory.none')}
        </Alert>
      ) : (
        <TableContainer component={Card}>
          <Table size="small" aria-label={translate('lantern.menu.partnerDirectory')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.referrals.fields.partnerOrgId')}</TableCell>
                <TableCell>{translate('resources.partner-orgs.fields.serviceTypes')}</TableCell>
                <TableCell>{translate('resources.partner-orgs.fields.serviceArea')}</TableCell>
                <TableCell align="right">{translate('resources.partner-orgs.fields.capacity')}</TableCell>
                <TableCell>{translate('resources.survivors.fields.languages')}</TableCell>
                <TableCell align="right">{translate('lantern.directory.openReferrals')}</TableCell>
                <TableCell align="right">{translate('lantern.directory.acceptanceRate')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((partner) => (
                <TableRow key={partner.id} hover>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      {partner.name}
                    </Typography>
                    {!partner.acceptingReferrals && (
                      <Chip size="small" variant="outlined" label={translate('lantern.dashboard.notAccepting')} sx={{ mt: 0.5 }} />
                    )}
                  </TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                      {partner.serviceTypes.map((type) => (
                        <Chip key={type} size="small" variant="outlined" label={serviceLabel(type)} />
                      ))}
                    </Stack>
                  </TableCell>
                  <TableCell>{partner.serviceArea || '—'}</TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    <Typography variant="body2" color={partner.capacity > 0 ? 'text.primary' : 'warning.main'} sx={{ fontWeight: 600 }}>
                      {partner.capacity}
                    </Typography>
                  </TableCell>
                  <TableCell>{partner.languages.length ? partner.languages.map(languageName).join(', ') : '—'}</TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {partner.openReferrals}
                  </TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatRate(partner.acceptanceRate)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Box>
  );
}
