import { CONTACT_CHANNELS, CONTACT_OUTCOMES, type ContactSummaryResponse } from '@lantern/contracts';
import { Alert, Box, Card, CardContent, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { toApiError } from '../providers/http';
import { CONTACT_CHANNEL_LABELS, CONTACT_OUTCOME_LABELS, localDay } from './contact-labels';
import { contactsApi } from './contacts-api';

/** One week's counts: by channel and by outcome, and the week's total. */
interface Week {
  week: string;
  total: number;
  byChannel: Record<string, number>;
  byOutcome: Record<string, number>;
}

function weeksOf(summary: ContactSummaryResponse | undefined): Week[] {
  const weeks = new Map<string, Week>();
  for (const row of summary?.rows ?? []) {
    const week = weeks.get(row.week) ?? { week: row.week, total: 0, byChannel: {}, byOutcome: {} };
    week.total += row.count;
    week.byChannel[row.channel] = (week.byChannel[row.channel] ?? 0) + row.count;
    week.byOutcome[row.outcome] = (week.byOutcome[row.outcome] ?? 0) + row.count;
    weeks.set(row.week, week);
  }
  return [...weeks.values()];
}

/**
 * The coordinator's weekly view of contacts (issue 17): how many came in each week, by channel, and
 * what became of them (converted into a case, linked to a survivor, contact only). Voided contacts are
 * left out. Counts only: no contact is opened here.
 */
export function ContactSummary() {
  const translate = useTranslate();
  const [from, setFrom] = useState(localDay(-27));
  const [to, setTo] = useState(localDay());
  const valid = Boolean(from && to && from <= to);
  const { data, error } = useQuery({ queryKey: ['contacts', 'summary', from, to], queryFn: () => contactsApi.summary(from, to), enabled: valid });
  const weeks = weeksOf(data);
  const columns = [
    ...CONTACT_CHANNELS.map((c) => ({ key: `channel.${c}`, label: CONTACT_CHANNEL_LABELS[c], of: (w: Week) => w.byChannel[c] ?? 0 })),
    ...CONTACT_OUTCOMES.map((o) => ({ key: `outcome.${o}`, label: CONTACT_OUTCOME_LABELS[o], of: (w: Week) => w.byOutcome[o] ?? 0 })),
  ];
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title="lantern.contacts.summary.title" />
      <Typography variant="h6" component="h1" sx={{ mb: 2 }}>
        {translate('lantern.contacts.summary.title')}
      </Typography>
      <Card>
        <CardContent>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
            <TextField type="date" label={translate('lantern.contacts.from')} value={from} onChange={(e) => setFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
            <TextField type="date" label={translate('lantern.contacts.to')} value={to} onChange={(e) => setTo(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          </Stack>
          {error && <Alert severity="error">{toApiError(error).message}</Alert>}
          {data && (
            <Typography sx={{ mb: 1 }} role="status">
              {translate('lantern.contacts.summary.total', { smart_count: data.total })}
            </Typography>
          )}
          <TableContainer sx={{ overflowX: 'auto' }} tabIndex={0} aria-label={translate('lantern.contacts.summary.title')}>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell component="th" scope="col">
                    {translate('lantern.contacts.summary.week')}
                  </TableCell>
                  <TableCell component="th" scope="col" align="right">
                    {translate('lantern.contacts.summary.all')}
                  </TableCell>
                  {columns.map((c) => (
                    <TableCell key={c.key} component="th" scope="col" align="right">
                      {c.label}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {weeks.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={columns.length + 2}>{translate('lantern.contacts.summary.empty')}</TableCell>
                  </TableRow>
                )}
                {weeks.map((w) => (
                  <TableRow key={w.week}>
                    <TableCell component="th" scope="row">
                      {new Date(`${w.week}T00:00:00`).toLocaleDateString()}
                    </TableCell>
                    <TableCell align="right">{w.total}</TableCell>
                    {columns.map((c) => (
                      <TableCell key={c.key} align="right">
                        {c.of(w)}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </CardContent>
      </Card>
    </Box>
  );
}
