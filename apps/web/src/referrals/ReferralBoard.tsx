import { OPEN_REFERRAL_STATUSES, type ReferralStatus } from '@lantern/contracts';
import { Chip, Stack, Typography } from '@mui/material';
import {
  AutocompleteInput,
  DataTable,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  useGetList,
  useListContext,
  useRecordContext,
} from 'react-admin';
import { SERVICE_TYPE_CHOICES } from '../common/choices';
import { formatDateTime, formatHours, REFERRAL_STATUS_LABELS } from '../common/labels';
import { OverdueChip, ReferralStatusField, ServiceTypeField, UrgencyField } from '../common/ReferralChips';
import type { Referral } from './referral-types';
import { useOpenReferral } from './use-open-referral';

/** The groups of the board: open ones by status, then the overdue and the finished ones. */
type Group = 'open' | 'overdue' | ReferralStatus | 'all';

const GROUPS: { id: Group; label: string; counted: boolean }[] = [
  { id: 'open', label: 'Open', counted: true },
  { id: 'overdue', label: 'Overdue', counted: true },
  ...OPEN_REFERRAL_STATUSES.map((status) => ({ id: status as Group, label: REFERRAL_STATUS_LABELS[status], counted: true })),
  { id: 'declined', label: REFERRAL_STATUS_LABELS.declined, counted: false },
  { id: 'completed', label: REFERRAL_STATUS_LABELS.completed, counted: false },
  { id: 'cancelled', label: REFERRAL_STATUS_LABELS.cancelled, counted: false },
  { id: 'all', label: 'All', counted: false },
];

const GROUP_KEYS = ['open', 'overdue', 'status'];

function filterOf(group: Group): Record<string, unknown> {
  if (group === 'open') return { open: true };
  if (group === 'overdue') return { overdue: true };
  if (group === 'all') return {};
  return { status: group };
}

function groupOf(filter: Record<string, unknown>): Group {
  if (filter.overdue === true) return 'overdue';
  if (typeof filter.status === 'string') return filter.status as Group;
  if (filter.open === true) return 'open';
  return 'all';
}

function GroupChip({ group, label, counted, active, others, onSelect }: {
  group: Group;
  label: string;
  counted: boolean;
  active: boolean;
  others: Record<string, unknown>;
  onSelect: () => void;
}) {
  // A count per group, with the other filters (partner, service, caseworker) applied.
  const { total } = useGetList(
    'referrals',
    { filter: { ...others, ...filterOf(group) }, pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'DESC' } },
    { enabled: counted },
  );
  const warn = group === 'overdue' && (total ?? 0) > 0;
  return (
    <Chip
      label={counted && total !== undefined ? `${label} (${total})` : label}
      color={active ? (warn ? 'error' : 'primary') : warn ? 'error' : 'default'}
      variant={active ? 'filled' : 'outlined'}
      onClick={onSelect}
      aria-pressed={active}
    />
  );
}

function GroupBar() {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const current = groupOf(filterValues as Record<string, unknown>);
  const others = Object.fromEntries(Object.entries(filterValues as Record<string, unknown>).filter(([key]) => !GROUP_KEYS.includes(key)));
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', px: 2, py: 1.5 }} role="group" aria-label="Referral groups">
      {GROUPS.map(({ id, label, counted }) => (
        <GroupChip
          key={id}
          group={id}
          label={label}
          counted={counted}
          active={current === id}
          others={others}
          onSelect={() => setFilters({ ...others, ...filterOf(id) }, displayedFilters)}
        />
      ))}
    </Stack>
  );
}

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
  if (!record) return null;
  if (record.overdue) return <OverdueChip ageHours={record.ageHours} label={`Overdue · ${formatHours(record.ageHours)}`} />;
  if (record.status === 'draft') {
    return (
      <Typography variant="body2" color="text.secondary">
        Not sent
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
      title={record.sentAt ? `Sent ${formatDateTime(record.sentAt)}` : undefined}
    >
      {formatHours(record.ageHours)}
      {waiting ? ' waiting' : ''}
    </Typography>
  );
}

const filters = [
  <ReferenceInput key="partnerOrgId" source="partnerOrgId" reference="partner-orgs" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} label="Partner" sx={{ minWidth: 220 }} />
  </ReferenceInput>,
  <SelectInput key="serviceType" source="serviceType" choices={SERVICE_TYPE_CHOICES} alwaysOn emptyText="Any service" label="Service" />,
  <ReferenceInput
    key="assignedCaseworkerId"
    source="assignedCaseworkerId"
    reference="users"
    filter={{ role: 'caseworker' }}
    sort={{ field: 'displayName', order: 'ASC' }}
    alwaysOn
  >
    <AutocompleteInput optionText="displayName" filterToQuery={(q: string) => ({ q })} label="Caseworker" sx={{ minWidth: 220 }} />
  </ReferenceInput>,
];

/**
 * The coordinator's board: the organization's referrals, open ones first by default, oldest waiting
 * first; red when a partner has not answered within 48 hours. A row opens the case's Referrals tab.
 */
export function ReferralBoard() {
  const openReferral = useOpenReferral();
  return (
    <List
      disableSyncWithLocation
      title="Referrals"
      filters={filters}
      filterDefaultValues={{ open: true }}
      actions={false}
      sort={{ field: 'createdAt', order: 'ASC' }}
      exporter={false}
      perPage={25}
    >
      <GroupBar />
      <DataTable
        bulkActionButtons={false}
        rowClick={(_id, _resource, record) => {
          openReferral({ referralId: String(record.id), caseId: (record as Referral).caseId });
          return false;
        }}
        rowSx={(record) => ((record as Referral).overdue ? { bgcolor: 'rgba(179, 38, 30, 0.05)' } : {})}
      >
        <DataTable.Col source="caseNumber" label="Case" disableSort>
          <CaseCell />
        </DataTable.Col>
        <DataTable.Col source="partnerOrgId" label="Partner" disableSort>
          <ReferenceField source="partnerOrgId" reference="partner-orgs" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="serviceType" label="Service" disableSort>
          <ServiceTypeField />
        </DataTable.Col>
        <DataTable.Col source="urgency" label="Urgency">
          <UrgencyField />
        </DataTable.Col>
        <DataTable.Col source="status" label="Status">
          <ReferralStatusField />
        </DataTable.Col>
        <DataTable.Col source="sentAt" label="Age since sent">
          <AgeCell />
        </DataTable.Col>
        <DataTable.Col source="assignedCaseworkerId" label="Caseworker" disableSort>
          <ReferenceField source="assignedCaseworkerId" reference="users" link={false} emptyText="Unassigned">
            <TextField source="displayName" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="Drafted" render={(record: Referral) => formatDateTime(record.createdAt)} />
      </DataTable>
    </List>
  );
}
