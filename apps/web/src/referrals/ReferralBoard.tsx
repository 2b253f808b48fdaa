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
  useTranslate,
} from 'react-admin';
import { SERVICE_TYPE_CHOICES } from '../common/choices';
import { formatDateTime, formatHours, REFERRAL_STATUS_LABELS } from '../common/labels';
import { translate } from '../i18n/translate';
import { OverdueChip, ReferralStatusField, ServiceTypeField, UrgencyField } from '../common/ReferralChips';
import type { Referral } from './referral-types';
import { useOpenReferral } from './use-open-referral';
import { PageHeading } from '../common/PageHeading';

/** The groups of the board: open ones by status, then the overdue and the finished ones. */
type Group = 'open' | 'overdue' | ReferralStatus | 'all';

/** The groups, with their names in the current language (read at each rendering). */
const groups = (): { id: Group; label: string; counted: boolean }[] => [
  { id: 'open', label: translate('lantern.board.open'), counted: true },
  { id: 'overdue', label: translate('lantern.plan.overdue'), counted: true },
  ...OPEN_REFERRAL_STATUSES.map((status) => ({ id: status as Group, label: REFERRAL_STATUS_LABELS[status], counted: true })),
  { id: 'declined', label: REFERRAL_STATUS_LABELS.declined, counted: false },
  { id: 'completed', label: REFERRAL_STATUS_LABELS.completed, counted: false },
  { id: 'cancelled', label: REFERRAL_STATUS_LABELS.cancelled, counted: false },
  { id: 'all', label: translate('lantern.board.all'), counted: false },
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
  const t = useTranslate();
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', px: 2, py: 1.5 }} role="group" aria-label={t('lantern.board.groups')}>
      {groups().map(({ id, label, counted }) => (
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
];

/** The page title, in the app bar and as the page's h1. */
const TITLE = 'lantern.board.title';

/**
 * The coordinator's board: the organization's referrals, open ones first by default, oldest waiting
 * first; red when a partner has not answered within 48 hours. A row opens the case's Referrals tab.
 */
export function ReferralBoard() {
  const openReferral = useOpenReferral();
  return (
    <>
      <PageHeading title={TITLE} />
      <List
        disableSyncWithLocation
        title={TITLE}
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
          <DataTable.Col source="caseNumber" label="resources.referrals.fields.caseNumber" disableSort>
            <CaseCell />
          </DataTable.Col>
          <DataTable.Col source="partnerOrgId" label="resources.referrals.fields.partnerOrgId" disableSort>
            <ReferenceField source="partnerOrgId" reference="partner-orgs" link={false}>
              <TextField source="name" />
            </ReferenceField>
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
          <DataTable.Col source="sentAt" label="lantern.board.age">
            <AgeCell />
          </DataTable.Col>
          <DataTable.Col source="assignedCaseworkerId" label="resources.referrals.fields.assignedCaseworkerId" disableSort>
            <ReferenceField source="assignedCaseworkerId" reference="users" link={false} emptyText="lantern.cases.unassigned">
              <TextField source="displayName" />
            </ReferenceField>
          </DataTable.Col>
          <DataTable.Col source="createdAt" label="resources.referrals.fields.createdAt" render={(record: Referral) => formatDateTime(record.createdAt)} />
        </DataTable>
      </List>
    </>
  );
}
