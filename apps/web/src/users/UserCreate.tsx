import { Create, SimpleForm } from 'react-admin';
import { FormToolbar } from '../common/FormToolbar';
import { normalizePartnerLink, UserInputs } from './UserInputs';

export function UserCreate() {
  return (
    <Create redirect="show" transform={normalizePartnerLink} title="New user">
      <SimpleForm toolbar={<FormToolbar />} defaultValues={{ role: 'caseworker' }} warnWhenUnsavedChanges>
        <UserInputs mode="create" />
      </SimpleForm>
    </Create>
  );
}
