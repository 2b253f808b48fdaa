import EditIcon from '@mui/icons-material/Edit';
import type { CaseResponse, ImmigrationReliefResponse } from '@lantern/contracts';
import { Alert, Box, Button, Card, CardContent, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetList, useNotify, useTranslate } from 'react-admin';
import { formatDate } from '../../common/labels';
import { useCan } from '../../common/use-can';
import { vocabLabel } from '../../i18n/vocabulary';
import { toApiError } from '../../providers/http';
import { useSession } from '../../providers/session';
import { Detail } from '../../survivors/SurvivorDetails';
import { ImmigrationReliefForm } from './ImmigrationReliefForm';

/** "Approved · applied 3 Jan 2026 · decided 5 May 2026": a state and the dates it has. */
function stateLine(state: string, dates: [string, string | null][]): string {
  return [state, ...dates.filter(([, date]) => Boolean(date)).map(([label, date]) => `${label} ${formatDate(date)}`)].join(' · ');
}

/**
 * A case's immigration relief (issue 16), on its Services tab: the T visa, Continued Presence and the
 * HHS letter, each with its dates. The case's caseworker starts and changes the record while the case is
 * open; coordinators read it. Reading it is an audited read of the survivor's file.
 */
export function ImmigrationReliefPanel({ record }: { record: CaseResponse }) {
  const translate = useTranslate();
  const notify = useNotify();
  const can = useCan();
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const { data = [], isPending, error, refetch } = useGetList<ImmigrationReliefResponse>(
    'immigration-relief',
    { filter: { caseId: record.id }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 1 } },
    { staleTime: 0 },
  );
  const relief = data[0];
  const manage = record.status !== 'closed' && can('update', 'ImmigrationRelief') && session?.me.user.role === 'caseworker' && record.assignedCaseworkerId === session.me.user.id;
  const title = translate('lantern.relief.title');
  return (
    <Card component="section" aria-label={title} variant="outlined" data-testid="immigration-relief">
      <CardContent>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' }, mb: 1.5 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>
            {title}
          </Typography>
          {manage && !isPending && !error && (
            <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
              {translate(relief ? 'lantern.relief.edit' : 'lantern.relief.add')}
            </Button>
          )}
        </Stack>
        {error ? (
          <Alert severity="error">{toApiError(error).message}</Alert>
        ) : isPending ? (
          <Skeleton variant="rounded" height={60} />
        ) : !relief ? (
          <Typography variant="body2" color="text.secondary">
            {translate('lantern.relief.none')}
          </Typography>
        ) : (
          <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))' }}>
            <Detail label={translate('lantern.relief.tVisa')}>
              {stateLine(vocabLabel('tVisaStatus', relief.tVisaStatus), [
                [translate('lantern.relief.appliedOn'), relief.tVisaAppliedOn],
                [translate('lantern.relief.decidedOn'), relief.tVisaDecidedOn],
              ])}
            </Detail>
            <Detail label={translate('lantern.relief.continuedPresence')}>
              {stateLine(vocabLabel('continuedPresenceStatus', relief.continuedPresenceStatus), [
                [translate('lantern.relief.requestedOn'), relief.continuedPresenceRequestedOn],
                [translate('lantern.relief.decidedOn'), relief.continuedPresenceDecidedOn],
                [translate('lantern.relief.expiresOn'), relief.continuedPresenceExpiresOn],
              ])}
            </Detail>
            <Detail label={translate('lantern.relief.hhsLetter')}>
              {relief.hhsLetter
                ? stateLine(vocabLabel('hhsLetter', relief.hhsLetter), [
                    [translate('lantern.relief.requestedOn'), relief.hhsLetterRequestedOn],
                    [translate('lantern.relief.issuedOn'), relief.hhsLetterIssuedOn],
                  ])
                : translate('lantern.relief.noLetter')}
            </Detail>
            {relief.note && <Detail label={translate('resources.immigration-relief.fields.note')}>{relief.note}</Detail>}
          </Box>
        )}
      </CardContent>
      {editing && (
        <ImmigrationReliefForm
          caseId={record.id}
          relief={relief}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            notify('lantern.relief.saved', { type: 'success' });
            void refetch();
          }}
        />
      )}
    </Card>
  );
}
