import { useAbility } from '@casl/react';
import { permittedFields, type AppAbility } from '@lantern/permissions';
import {
  EditButton,
  EmailField,
  FunctionField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ActiveToggleButton } from '../common/ActiveToggleButton';
import { RecordHistory } from '../common/RecordHistory';
import { StatusChip } from '../common/StatusChip';
import { formatDateTime } from '../common/labels';
import { useSession } from '../providers/session';
import { ResetMfaButton } from './ResetMfaButton';
import { roleLabel } from './UserList';
import { ShowUnavailable } from '../common/RecordUnavailable';

export function UserTitle() {
  const record = useRecordContext<{ displayName?: string }>();
  const translate = useTranslate();
  return <>{record?.displayName ?? translate('resources.users.name', { smart_count: 1 })}</>;
}

export function UserActiveButton() {
  const session = useSession();
  const translate = useTranslate();
  return (
    <ActiveToggleButton
      subject="User"
      name={(record) => String(record.displayName ?? translate('lantern.users.thisUser'))}
      deactivateWarning="lantern.users.deactivateWarning"
      hidden={(record) => record.id === session?.me.user.id}
    />
  );
}

/** A staff directory entry shows less than an administrator's view: only fields this person may read. */
function UserDetails() {
  const record = useRecordContext();
  const ability = useAbility<AppAbility>();
  const session = useSession();
  const translate = useTranslate();
  if (!record) return null;
  const readable = new Set(
    permittedFields(ability, 'read', 'User', { organizationId: session?.me.user.organizationId, ...record }),
  );
  return (
    <SimpleShowLayout>
      <TextField source="displayName" variant="h5" component="h1" />
      <EmailField source="email" />
      <FunctionField source="role" render={roleLabel} />
      <ReferenceField source="partnerOrgId" reference="partner-orgs" emptyText="—" />
      <StatusChip source="active" trueLabel="lantern.users.active" falseLabel="lantern.users.deactivated" label="resources.users.fields.active" />
      {readable.has('mfaEnabled') && (
        <FunctionField
          source="mfaEnabled"
          render={(user: { mfaEnabled?: boolean }) => translate(user.mfaEnabled ? 'lantern.account.on' : 'lantern.users.off')}
        />
      )}
      {readable.has('lastLoginAt') && (
        <FunctionField
          source="lastLoginAt"
          render={(user: { lastLoginAt?: string | null }) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt) : translate('lantern.users.never'))}
        />
      )}
      {readable.has('createdAt') && <FunctionField source="createdAt" render={(user: { createdAt?: string }) => formatDateTime(user.createdAt)} />}
      <RecordHistory />
    </SimpleShowLayout>
  );
}

export function UserShow() {
  return (
    <Show
      error={<ShowUnavailable />}
      title={<UserTitle />}
      actions={
        <TopToolbar>
          <EditButton />
          <UserActiveButton />
          <ResetMfaButton />
        </TopToolbar>
      }
    >
      <UserDetails />
    </Show>
  );
}
