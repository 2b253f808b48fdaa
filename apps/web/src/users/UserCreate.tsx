import { Create, SimpleForm } from 'react-admin';
import { FormToolbar } from '../common/FormToolbar';
import { normalizePartnerLink, UserInputs } from './UserInputs';
import { PageHeading } from '../common/PageHeading';

export function UserCreate() {
  return (
    <Create redirect="show" transform={normalizePartnerLink} title="lantern.users.new">
      <PageHeading title="lantern.users.new" />
      <SimpleForm toolbar={<FormToolbar />} defaultValues={{ role: 'caseworker' }} warnWhenUnsavedChanges>
        <UserInputs mode="create" />
      </SimpleForm>
    </Create>
  );
}
