import { REFERRAL_RESPONSE_HOURS } from '@lantern/contracts';
import { Typography } from '@mui/material';
import { DataTable, List, SelectInput, useRecordContext } from 'react-admin';
import { formatDateTime, formatHours, REFERRAL_STATUS_CHOICES } from '../common/labels';
import { OverdueChip, ReferralStatusField, ServiceTypeField, UrgencyField } from '../common/ReferralChips';
import type { Referral } from './referral-types';

/** Partners never see drafts: those are the program's own business until sent. */
const STATUS_CHOICES = REFERRAL_STATUS_CHOICES.filter((choice) => choice.id !== 'draft');

const filters = [<SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn emptyText="Any status" label="Status" />];

function Waiting(_props: { label?: string }) {
  const record = useRecordContext<Referral>();
  if (!record) return null;
  if (record.status === 'cancelled') {
    return (
      <Typography variant="body2" color="text.secondary">
        Withdrawn by the program{record.cancelledAt ? ` ${formatDateTime(record.cancelledAt)}` : ''}
      </Typography>
    );
  }
  if (record.status !== 'sent') {
    return (
      <Typography variant="body2" color="text.secondary">
        {record.respondedAt ? `Answered ${formatDateTime(record.respondedAt)}` : '—'}
      </Typography>
    );
  }
  if (record.overdue) return <OverdueChip ageHours={record.ageHours} label={`Waiting ${formatHours(record.ageHours)} — please answer`} />;
  const left = REFERRAL_RESPONSE_HOURS - Math.floor(record.ageHours);
  return (
    <Typography variant="body2" sx={{ fontWeight: 600 }}>
      Waiting {formatHours(record.ageHours)} · answer within {left > 0 ? `${left} h` : 'the hour'}
    </Typography>
  );
}

/** The partner's inbox: the referrals sent to their organization; the request only, no case, no name. */
export function PartnerInbox() {
  return (
    <List
      disableSyncWithLocation
      title="Inbox"
      filters={filters}
      actions={false}
      sort={{ field: 'sentAt', order: 'DESC' }}
      exporter={false}
      perPage={25}
      empty={false}
    >
      <DataTable bulkActionButtons={false} rowClick="show">
        <DataTable.Col source="serviceType" label="Service" disableSort>
          <ServiceTypeField />
        </DataTable.Col>
        <DataTable.Col source="urgency" label="Urgency">
          <UrgencyField />
        </DataTable.Col>
        <DataTable.Col source="status" label="Status">
          <ReferralStatusField />
        </DataTable.Col>
        <DataTable.Col source="sentAt" label="Received" render={(record: Referral) => formatDateTime(record.sentAt)} />
        <DataTable.Col source="respondedAt" label="Answer" disableSort>
          <Waiting />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
