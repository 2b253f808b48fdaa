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
import { Title, useDataProvider } from 'react-admin';
import { SERVICE_TYPE_CHOICES } from '../common/choices';
import { formatRate, languageName } from '../common/labels';
import { serviceLabel } from '../common/ReferralChips';
import type { LanternDataProvider } from '../providers/data-provider';
import { toApiError } from '../providers/http';

/** Partners to refer to: what they offer, where, in which languages, how much room and how they answer. */
export function PartnerDirectory() {
  const dataProvider = useDataProvider<LanternDataProvider>();
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
      <Title title="Partner directory" />
      <Typography variant="h5" component="h1" sx={{ mb: 0.5 }}>
        Partner directory
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Who can take a referral now. The acceptance rate counts the referrals each partner has answered.
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }} useFlexGap>
        <TextField
          select
          size="small"
          label="Service"
          value={serviceType}
          onChange={(event) => setServiceType(event.target.value as ServiceType | '')}
          fullWidth={false}
          sx={{ width: 260 }}
        >
          <MenuItem value="">Any service</MenuItem>
          {SERVICE_TYPE_CHOICES.map((choice) => (
            <MenuItem key={choice.id} value={choice.id}>
              {choice.name}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={<Switch checked={acceptingOnly} onChange={(event) => setAcceptingOnly(event.target.checked)} />}
          label="Only partners with open places"
        />
      </Stack>
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={200} />
      ) : rows.length === 0 ? (
        <Alert severity="info" variant="outlined">
          No partner matches.
        </Alert>
      ) : (
        <TableContainer component={Card}>
          <Table size="small" aria-label="Partner directory">
            <TableHead>
              <TableRow>
                <TableCell>Partner</TableCell>
                <TableCell>Services</TableCell>
                <TableCell>Service area</TableCell>
                <TableCell align="right">Open places</TableCell>
                <TableCell>Languages</TableCell>
                <TableCell align="right">Open referrals</TableCell>
                <TableCell align="right">Acceptance rate</TableCell>
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
                      <Chip size="small" variant="outlined" label="Not accepting referrals" sx={{ mt: 0.5 }} />
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
