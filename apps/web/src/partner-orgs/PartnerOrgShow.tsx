import { Chip, Stack } from '@mui/material';
import {
  DateField,
  EditButton,
  EmailField,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  type RaRecord,
} from 'react-admin';
import { ActiveToggleButton } from '../common/ActiveToggleButton';
import { RecordHistory } from '../common/RecordHistory';
import { ServiceTypesField } from '../common/ServiceTypesField';
import { StatusChip } from '../common/StatusChip';

export const DEACTIVATE_WARNING =
  'Caseworkers will no longer be able to choose it for new referrals. Its history is kept.';

export const orgName = (record: RaRecord): string => String(record.name ?? 'this organization');

export function PartnerOrgActions() {
  return (
    <TopToolbar>
      <EditButton />
      <ActiveToggleButton
        subject="PartnerOrg"
        name={orgName}
        deactivateWarning={DEACTIVATE_WARNING}
      />
    </TopToolbar>
  );
}

function InactiveNotice() {
  const record = useRecordContext<{ active?: boolean }>();
  if (record?.active !== false) return null;
  return <Chip label="Inactive" color="warning" variant="outlined" size="small" />;
}

export function PartnerOrgTitle() {
  const record = useRecordContext<{ name?: string }>();
  return <>{record?.name ?? 'Partner organization'}</>;
}

export function PartnerOrgShow() {
  return (
    <Show actions={<PartnerOrgActions />} title={<PartnerOrgTitle />}>
      <SimpleShowLayout>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField source="name" variant="h5" component="h1" />
          <InactiveNotice />
        </Stack>
        <ServiceTypesField label="resources.partner-orgs.fields.serviceTypes" />
        <TextField source="serviceArea" emptyText="—" />
        <NumberField source="capacity" />
        <StatusChip source="acceptingReferrals" trueLabel="Accepting referrals" falseLabel="Not accepting referrals" label="resources.partner-orgs.fields.acceptingReferrals" />
        <TextField source="contactName" emptyText="—" />
        <EmailField source="contactEmail" emptyText="—" />
        <TextField source="phone" emptyText="—" />
        <DateField source="updatedAt" showTime />
        <RecordHistory />
      </SimpleShowLayout>
    </Show>
  );
}
