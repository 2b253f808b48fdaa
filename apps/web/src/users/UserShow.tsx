import { useAbility } from '@casl/react';
import { permittedFields, type AppAbility } from '@lantern/permissions';
import {
  DateField,
  EditButton,
  EmailField,
  FunctionField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { ActiveToggleButton } from '../common/ActiveToggleButton';
import { RecordHistory } from '../common/RecordHistory';
import { StatusChip } from '../common/StatusChip';
import { useSession } from '../providers/session';
import { roleLabel } from './UserList';

export function UserTitle() {
  const record = useRecordContext<{ displayName?: string }>();
  return <>{record?.displayName ?? 'User'}</>;
}

export function UserActiveButton() {
  const session = useSession();
  return (
    <ActiveToggleButton
      subject="User"
      name={(record) => String(record.displayName ?? 'this user')}
      deactivateWarning="They are signed out at once and can no longer sign in. Their history is kept."
      hidden={(record) => record.id === session?.me.user.id}
    />
  );
}

/** A staff directory entry shows less than an administrator's view: only fields this person may read. */
function UserDetails() {
  const record = useRecordContext();
  const ability = useAbility<AppAbility>();
  const session = useSession();
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
      <StatusChip source="active" trueLabel="Active" falseLabel="Deactivated" label="resources.users.fields.active" />
      {readable.has('mfaEnabled') && (
        <FunctionField source="mfaEnabled" render={(user: { mfaEnabled?: boolean }) => (user.mfaEnabled ? 'On' : 'Off')} />
      )}
      {readable.has('lastLoginAt') && <DateField source="lastLoginAt" showTime emptyText="Never" />}
      {readable.has('createdAt') && <DateField source="createdAt" showTime />}
      <RecordHistory />
    </SimpleShowLayout>
  );
}

export function UserShow() {
  return (
    <Show
      title={<UserTitle />}
      actions={
        <TopToolbar>
          <EditButton />
          <UserActiveButton />
        </TopToolbar>
      }
    >
      <UserDetails />
    </Show>
  );
}
