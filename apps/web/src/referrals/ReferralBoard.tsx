import type { ReferralStatus } from '@lantern/contracts';
import { Alert, Box, Button, Card, CardActionArea, FormControlLabel, LinearProgress, Stack, Switch, Typography } from '@mui/material';
import { useId, useState } from 'react';
import {
  AutocompleteInput,
  BooleanInput,
  FilterButton,
  List,
  RecordContextProvider,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  TopToolbar,
  useGetList,
  useListContext,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { SERVICE_TYPE_CHOICES } from '../common/choices';
import { formatDateTime, formatHours, REFERRAL_STATUS_LABELS } from '../common/labels';
import { OverdueChip, ServiceTypeField, UrgencyField } from '../common/ReferralChips';
import { boardColumns, COLUMN_PAGE, columnQuery } from './board';
import type { Referral } from './referral-types';
import { useOpenReferral } from './use-open-referral';
import { PageHeading } from '../common/PageHeading';
import { CustomCardValues, CustomColumnsMenu, customListFilters, useCustomListError, useLabelText, useReadableFields } from '../custom-fields';
import type { ReadableCustomFieldResponse } from '@lantern/contracts';

/** Where the custom columns chosen for the board's cards are kept (react-admin's store, in memory). */
const COLUMNS_KEY = 'referrals.board';

function CaseCell(_props: { label?: string }) {
  const record = useRecordContext<Referral>();
  if (!record) return null;
  return (
    <>
      <Typography variant="body2" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {record.caseNumber ?? '—'}
      </Typography>
      {record.survivorAlias && (
        <Typography variant="body2" color="text.secondary">
          {record.survivorAlias}
        </Typography>
      )}
    </>
  );
}

function AgeCell(_props: { label?: string }) {
  const record = useRecordContext<Referral>();
  const t = useTranslate();
  if (!record) return null;
  if (record.overdue) return <OverdueChip ageHours={record.ageHours} label={t('lantern.board.overdue', { time: formatHours(record.ageHours) })} />;
  if (record.status === 'draft') {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('lantern.board.notSent')}
      </Typography>
    );
  }
  // Waiting for the partner's answer is what needs chasing; afterwards the age is context.
  const waiting = record.status === 'sent';
  return (
    <Typography
      variant="body2"
      color={waiting ? 'text.primary' : 'text.secondary'}
      sx={{ fontWeight: waiting ? 600 : 400, whiteSpace: 'nowrap' }}
      title={record.sentAt ? t('lantern.board.sentAt', { when: formatDateTime(record.sentAt) }) : undefined}
    >
      {waiting ? t('lantern.board.waiting', { time: formatHours(record.ageHours) }) : formatHours(record.ageHours)}
    </Typography>
  );
}

const filters = [
  <ReferenceInput key="partnerOrgId" source="partnerOrgId" reference="partner-orgs" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} label="resources.referrals.fields.partnerOrgId" sx={{ minWidth: 220 }} />
  </ReferenceInput>,
  <SelectInput key="serviceType" source="serviceType" choices={SERVICE_TYPE_CHOICES} alwaysOn emptyText="lantern.board.anyService" label="resources.referrals.fields.serviceType" />,
  <ReferenceInput
    key="assignedCaseworkerId"
    source="assignedCaseworkerId"
    reference="users"
    filter={{ role: 'caseworker' }}
    sort={{ field: 'displayName', order: 'ASC' }}
    alwaysOn
  >
    <AutocompleteInput optionText="displayName" filterToQuery={(q: string) => ({ q })} label="resources.referrals.fields.assignedCaseworkerId" sx={{ minWidth: 220 }} />
  </ReferenceInput>,
  <BooleanInput key="overdue" source="overdue" alwaysOn label="lantern.board.onlyOverdue" helperText={false} />,
];

/** One referral as a card: the case, the partner, the service and how long it has waited; a click opens it on its case. */
function ReferralCard({ fields }: { fields: readonly ReadableCustomFieldResponse[] }) {
  const record = useRecordContext<Referral>();
  const openReferral = useOpenReferral();
  const t = useTranslate();
  if (!record) return null;
  return (
    <Card variant="outlined" sx={{ borderColor: record.overdue ? 'error.main' : 'divider' }}>
      <CardActionArea
        onClick={() => openReferral({ referralId: String(record.id), caseId: record.caseId })}
        sx={{ p: 1.5, display: 'block' }}
        data-testid="board-card"
      >
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between', alignItems: 'baseline' }}>
          <CaseCell />
          <UrgencyField />
        </Stack>
        <Typography variant="body2" component="div" sx={{ mt: 0.5 }}>
          <ReferenceField source="partnerOrgId" reference="partner-orgs" link={false}>
            <TextField source="name" />
          </ReferenceField>
          {' · '}
          <ServiceTypeField />
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 0.5, flexWrap: 'wrap', alignItems: 'center' }}>
          <AgeCell />
          <Typography variant="body2" color="text.secondary" component="div">
            <ReferenceField source="assignedCaseworkerId" reference="users" link={false} emptyText="lantern.cases.unassigned">
              <TextField source="displayName" />
            </ReferenceField>
          </Typography>
        </Stack>
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5 }}>
          {t('lantern.board.created', { when: formatDateTime(record.createdAt) })}
        </Typography>
        <Typography variant="body2" component="div">
          <CustomCardValues storeKey={COLUMNS_KEY} fields={fields} />
        </Typography>
      </CardActionArea>
    </Card>
  );
}

/** One status: its heading with the count under the filters, its newest referrals, and "Show more". */
function BoardColumn({ status, filterValues, fields }: { status: ReferralStatus; filterValues: Record<string, unknown>; fields: readonly ReadableCustomFieldResponse[] }) {
  const t = useTranslate();
  const headingId = useId();
  const [shown, setShown] = useState(COLUMN_PAGE);
  const { data, total, isPending, error } = useGetList<Referral>('referrals', columnQuery(status, filterValues, shown));
  const label = REFERRAL_STATUS_LABELS[status];
  const remaining = Math.max(0, (total ?? 0) - (data?.length ?? 0));
  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      data-testid={`board-column-${status}`}
      sx={{ minWidth: 0, bgcolor: 'background.default', border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5 }}
    >
      <Typography id={headingId} variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {total === undefined ? label : t('lantern.board.column', { status: label, count: total })}
      </Typography>
      {isPending ? (
        <LinearProgress aria-label={t('lantern.board.loading', { status: label })} />
      ) : error ? (
        <Alert severity="error">{t('lantern.board.failed')}</Alert>
      ) : !data?.length ? (
        <Typography variant="body2" color="text.secondary">
          {t('lantern.board.empty')}
        </Typography>
      ) : (
        <Stack component="ul" spacing={1} aria-label={label} sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {data.map((referral) => (
            <li key={referral.id}>
              <RecordContextProvider value={referral}>
                <ReferralCard fields={fields} />
              </RecordContextProvider>
            </li>
          ))}
        </Stack>
      )}
      {remaining > 0 && (
        <Button size="small" sx={{ mt: 1 }} onClick={() => setShown((current) => current + COLUMN_PAGE)}>
          {t('lantern.board.showMore', { count: Math.min(COLUMN_PAGE, remaining), status: label })}
        </Button>
      )}
    </Box>
  );
}

/** The columns, side by side on a wide screen and one under the other on a phone (no sideways scroll). */
function Board({ fields }: { fields: readonly ReadableCustomFieldResponse[] }) {
  const { filterValues } = useListContext();
  const [showFinished, setShowFinished] = useState(false);
  const t = useTranslate();
  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <FormControlLabel
        control={<Switch checked={showFinished} onChange={(event) => setShowFinished(event.target.checked)} />}
        label={t('lantern.board.showFinished')}
      />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('lantern.board.newestFirst')}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          alignItems: 'start',
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(4, minmax(0, 1fr))' },
        }}
      >
        {boardColumns(showFinished).map((status) => (
          // Keyed by the filters too: new filters start each column again at its first page of cards.
          <BoardColumn key={`${status}:${JSON.stringify(filterValues)}`} status={status} filterValues={filterValues as Record<string, unknown>} fields={fields} />
        ))}
      </Box>
    </Box>
  );
}

/** The page title, in the app bar and as the page's h1. */
const TITLE = 'lantern.board.title';

/**
 * The coordinator's board (issue 13): a column per status, newest first, each with its count under the
 * filters (partner, service, caseworker, only overdue); red when a partner has not answered within 48
 * hours. A card opens the case's Referrals tab.
 */
export function ReferralBoard() {
  const t = useTranslate();
  const text = useLabelText();
  // The referral form's custom fields (issue 18): filters, and values on the cards once chosen.
  const { fields } = useReadableFields('referral');
  const onError = useCustomListError(fields, text);
  const custom = customListFilters(fields, text, t);
  return (
    <>
      <PageHeading title={TITLE} />
      <List
        disableSyncWithLocation
        title={TITLE}
        filters={[...filters, ...custom]}
        actions={
          fields.length > 0 ? (
            <TopToolbar>
              <CustomColumnsMenu storeKey={COLUMNS_KEY} fields={fields} />
              {custom.length > 0 && <FilterButton />}
            </TopToolbar>
          ) : (
            false
          )
        }
        queryOptions={{ onError }}
        sort={{ field: 'createdAt', order: 'DESC' }}
        exporter={false}
        perPage={1}
        pagination={false}
        empty={false}
      >
        <Board fields={fields} />
      </List>
    </>
  );
}
