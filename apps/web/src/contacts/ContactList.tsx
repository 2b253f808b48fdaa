import BarChartIcon from '@mui/icons-material/BarChart';
import type { ContactResponse } from '@lantern/contracts';
import { Box, Chip } from '@mui/material';
import {
  BooleanField,
  CreateButton,
  DataTable,
  DateField,
  DateInput,
  FilterButton,
  List,
  NullableBooleanInput,
  SelectField,
  SelectInput,
  SimpleList,
  TopToolbar,
  useCreatePath,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router';
import { Button } from '@mui/material';
import type { ReactNode } from 'react';
import { PageHeading } from '../common/PageHeading';
import { useIsPhone } from '../common/use-phone';
import { useSession } from '../providers/session';
import { CONTACT_CHANNEL_CHOICES, CONTACT_CHANNEL_LABELS, CONTACT_OUTCOME_CHOICES, CONTACT_OUTCOME_LABELS } from './contact-labels';
import { useCustomList } from '../custom-fields';
import { CAPPED_COUNT } from '../providers/capped-list';

/** Where react-admin keeps the columns chosen (its DataTable's default for the resource). */
const COLUMNS_KEY = 'contacts.datatable';

/** A local day as the list's bound: from its first instant, or to its last. */
const dayStart = (value: string) => (value ? new Date(`${value}T00:00:00`).toISOString() : value);
const dayEnd = (value: string) => (value ? new Date(`${value}T23:59:59.999`).toISOString() : value);
const localDayOf = (value: string | null | undefined) => {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** `columns`: the column chooser, when the organization has contact fields this person may read. */
function ListActions({ columns }: { columns: ReactNode }) {
  const translate = useTranslate();
  const role = useSession()?.me.user.role;
  return (
    <TopToolbar>
      {columns}
      <FilterButton />
      {role === 'coordinator' && (
        <Button component={Link} to="/contact-summary" size="small" startIcon={<BarChartIcon />}>
          {translate('lantern.contacts.summary.open')}
        </Button>
      )}
      <CreateButton label="lantern.contacts.new" />
    </TopToolbar>
  );
}

function Outcome({ record, children }: { record: ContactResponse; children?: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 0.5 }}>
      <Chip size="small" label={CONTACT_OUTCOME_LABELS[record.outcome]} />
      {record.followUpNeeded && <Chip size="small" color="warning" label={translate('lantern.contacts.followUp')} />}
      {record.voidedAt && <Chip size="small" label={translate('lantern.contacts.voided')} />}
      {children}
    </Box>
  );
}

/** Contacts before a case (issue 17): newest first, by channel, period and follow-up. */
export function ContactList() {
  const phone = useIsPhone();
  const createPath = useCreatePath();
  const role = useSession()?.me.user.role;
  // Custom fields (issue 18): optional columns and filters, only those her role may read.
  const custom = useCustomList('contact', { storeKey: COLUMNS_KEY, enabled: role !== undefined && role !== 'partner', phone });
  const filters = [
    <SelectInput key="channel" source="channel" choices={CONTACT_CHANNEL_CHOICES} alwaysOn emptyText="lantern.contacts.anyChannel" />,
    <NullableBooleanInput key="followUpNeeded" source="followUpNeeded" alwaysOn />,
    <DateInput key="occurredFrom" source="occurredFrom" label="lantern.contacts.from" parse={dayStart} format={localDayOf} />,
    <DateInput key="occurredTo" source="occurredTo" label="lantern.contacts.to" parse={dayEnd} format={localDayOf} />,
    <SelectInput key="outcome" source="outcome" choices={CONTACT_OUTCOME_CHOICES} />,
    ...custom.filters,
  ];
  return (
    <>
      <PageHeading title="lantern.contacts.title" />
      <List empty={false} disableSyncWithLocation sort={{ field: 'occurredAt', order: 'DESC' }} filters={filters} actions={<ListActions columns={custom.chooser} />} queryOptions={{ onError: custom.onError, meta: CAPPED_COUNT }} exporter={false} perPage={25} title="lantern.contacts.title">
        {phone ? (
          <SimpleList<ContactResponse>
            rowClick={(id) => createPath({ resource: 'contacts', type: 'show', id })}
            primaryText={(record) => CONTACT_CHANNEL_LABELS[record.channel]}
            secondaryText={(record) => new Date(record.occurredAt).toLocaleString()}
            tertiaryText={(record) => (
              <Outcome record={record}>
                {custom.cardValues}
              </Outcome>
            )}
          />
        ) : (
          <DataTable rowClick="show" bulkActionButtons={false} hiddenColumns={custom.hiddenColumns}>
            <DataTable.Col source="occurredAt">
              <DateField source="occurredAt" showTime />
            </DataTable.Col>
            <DataTable.Col source="channel">
              <SelectField source="channel" choices={CONTACT_CHANNEL_CHOICES} />
            </DataTable.Col>
            <DataTable.Col source="outcome" disableSort>
              <SelectField source="outcome" choices={CONTACT_OUTCOME_CHOICES} />
            </DataTable.Col>
            <DataTable.Col source="followUpNeeded" disableSort>
              <BooleanField source="followUpNeeded" />
            </DataTable.Col>
            <DataTable.Col source="followUpOn">
              <DateField source="followUpOn" />
            </DataTable.Col>
            {custom.columns}
          </DataTable>
        )}
      </List>
    </>
  );
}
