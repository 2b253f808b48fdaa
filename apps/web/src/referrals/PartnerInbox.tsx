import { REFERRAL_RESPONSE_HOURS } from '@lantern/contracts';
import { Box, Typography } from '@mui/material';
import { DataTable, List, SelectInput, SimpleList, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime, formatHours, REFERRAL_STATUS_CHOICES } from '../common/labels';
import { PageHeading } from '../common/PageHeading';
import { useIsPhone } from '../common/use-phone';
import { OverdueChip, ReferralStatusField, ServiceTypeField, UrgencyField } from '../common/ReferralChips';
import type { Referral } from './referral-types';
import { CAPPED_COUNT } from '../providers/capped-list';

/** Partners never see drafts: those are the program's own business until sent. */
const STATUS_CHOICES = REFERRAL_STATUS_CHOICES.filter((choice) => choice.id !== 'draft');

const filters = [<SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn emptyText="lantern.cases.anyStatus" label="resources.referrals.fields.status" />];

function Waiting(_props: { label?: string }) {
  const record = useRecordContext<Referral>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.status === 'cancelled') {
    return (
      <Typography variant="body2" color="text.secondary">
        {record.cancelledAt
          ? translate('lantern.inbox.withdrawnAt', { when: formatDateTime(record.cancelledAt) })
          : translate('lantern.inbox.withdrawn')}
      </Typography>
    );
  }
  if (record.status !== 'sent') {
    return (
      <Typography variant="body2" color="text.secondary">
        {record.respondedAt ? translate('lantern.inbox.answered', { when: formatDateTime(record.respondedAt) }) : '—'}
      </Typography>
    );
  }
  if (record.overdue) {
    return <OverdueChip ageHours={record.ageHours} label={translate('lantern.inbox.overdue', { time: formatHours(record.ageHours) })} />;
  }
  const left = REFERRAL_RESPONSE_HOURS - Math.floor(record.ageHours);
  return (
    <Typography variant="body2" sx={{ fontWeight: 600 }}>
      {translate('lantern.inbox.waiting', {
        time: formatHours(record.ageHours),
        within: left > 0 ? translate('lantern.time.hours', { hours: left }) : translate('lantern.inbox.theHour'),
      })}
    </Typography>
  );
}

/**
 * Who a row is about, as far as the partner may know: the program's case number, and the survivor's
 * alias only when a live consent for this organization covers it (the API sends it then, and only then).
 */
function Person(_props: { label?: string }) {
  const record = useRecordContext<Referral>();
  const translate = useTranslate();
  if (!record) return null;
  const alias = typeof record.survivor?.alias === 'string' ? record.survivor.alias : null;
  return alias ? (
    <Typography variant="body2" component="span" data-testid="inbox-alias">
      {alias}
    </Typography>
  ) : (
    <Typography variant="body2" component="span" color="text.secondary">
      {translate('lantern.inbox.aliasNotShared')}
    </Typography>
  );
}

function CaseNumber(_props: { label?: string }) {
  const record = useRecordContext<Referral>();
  if (!record?.caseNumber) return null;
  return (
    <Typography variant="body2" component="span" data-testid="inbox-case-number" sx={{ fontVariantNumeric: 'tabular-nums' }}>
      {record.caseNumber}
    </Typography>
  );
}

/** The page title, in the app bar and as the page's h1. */
const TITLE = 'lantern.menu.inbox';

/** The partner's inbox: the referrals sent to their organization; the request, the program's case number and the consented alias. */
export function PartnerInbox() {
  const phone = useIsPhone();
  return (
    <>
      <PageHeading title={TITLE} />
      <List
        disableSyncWithLocation
        title={TITLE}
        filters={filters}
        actions={false}
        sort={{ field: 'sentAt', order: 'DESC' }}
        queryOptions={{ meta: CAPPED_COUNT }}
        exporter={false}
        perPage={25}
        empty={false}
      >
        {phone ? (
          // Phones: one card per referral, opened with a tap.
          <SimpleList<Referral>
            rowClick="show"
            primaryText={<ServiceTypeField />}
            secondaryText={(record) => (
              <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
                <CaseNumber />
                <Person />
                <Box component="span">{formatDateTime(record.sentAt)}</Box>
              </Box>
            )}
            tertiaryText={
              <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 0.5 }}>
                <ReferralStatusField />
                <UrgencyField />
                <Waiting />
              </Box>
            }
          />
        ) : (
          <DataTable bulkActionButtons={false} rowClick="show">
            <DataTable.Col source="caseNumber" label="lantern.inbox.caseNumber" disableSort>
              <CaseNumber />
            </DataTable.Col>
            <DataTable.Col source="survivor" label="lantern.inbox.person" disableSort>
              <Person />
            </DataTable.Col>
            <DataTable.Col source="serviceType" label="resources.referrals.fields.serviceType" disableSort>
              <ServiceTypeField />
            </DataTable.Col>
            <DataTable.Col source="urgency" label="resources.referrals.fields.urgency">
              <UrgencyField />
            </DataTable.Col>
            <DataTable.Col source="status" label="resources.referrals.fields.status">
              <ReferralStatusField />
            </DataTable.Col>
            <DataTable.Col source="sentAt" label="lantern.inbox.received" render={(record: Referral) => formatDateTime(record.sentAt)} />
            <DataTable.Col source="respondedAt" label="lantern.inbox.answer" disableSort>
              <Waiting />
            </DataTable.Col>
          </DataTable>
        )}
      </List>
    </>
  );
}
