import { Chip, Stack } from '@mui/material';
import {
  EditButton,
  FunctionField,
  EmailField,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { ActiveToggleButton } from '../common/ActiveToggleButton';
import { formatDateTime } from '../common/labels';
import { translate } from '../i18n/translate';
import { RecordHistory } from '../common/RecordHistory';
import { ServiceTypesField } from '../common/ServiceTypesField';
import { StatusChip } from '../common/StatusChip';
import { ShowUnavailable } from '../common/RecordUnavailable';

/** A catalogue key: the confirmation translates it. */
export const DEACTIVATE_WARNING = 'lantern.partnerOrgs.deactivateWarning';

export const orgName = (record: RaRecord): string => String(record.name ?? translate('lantern.partnerOrgs.thisOrg'));

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
  const t = useTranslate();
  if (record?.active !== false) return null;
  return <Chip label={t('lantern.partnerOrgs.inactive')} color="warning" variant="outlined" size="small" />;
}

export function PartnerOrgTitle() {
  const record = useRecordContext<{ name?: string }>();
  const t = useTranslate();
  return <>{record?.name ?? t('resources.partner-orgs.name', { smart_count: 1 })}</>;
}

export function PartnerOrgShow() {
  return (
    <Show error={<ShowUnavailable />} actions={<PartnerOrgActions />} title={<PartnerOrgTitle />}>
      <SimpleShowLayout>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <TextField source="name" variant="h5" component="h1" />
          <InactiveNotice />
        </Stack>
        <ServiceTypesField label="resources.partner-orgs.fields.serviceTypes" />
        <TextField source="serviceArea" emptyText="—" />
        <NumberField source="capacity" />
        <StatusChip source="acceptingReferrals" trueLabel="lantern.dashboard.accepting" falseLabel="lantern.dashboard.notAccepting" label="resources.partner-orgs.fields.acceptingReferrals" />
        <TextField source="contactName" emptyText="—" />
        <EmailField source="contactEmail" emptyText="—" />
        <TextField source="phone" emptyText="—" />
        <FunctionField source="updatedAt" render={(record: { updatedAt?: string }) => formatDateTime(record.updatedAt)} />
        <RecordHistory />
      </SimpleShowLayout>
    </Show>
  );
}
