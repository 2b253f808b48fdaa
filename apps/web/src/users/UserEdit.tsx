import { Edit, ShowButton, SimpleForm, TopToolbar } from 'react-admin';
import { FormToolbar } from '../common/FormToolbar';
import { normalizePartnerLink, UserInputs } from './UserInputs';
import { UserActiveButton, UserTitle } from './UserShow';
import { PageHeading } from '../common/PageHeading';
import { EditUnavailable } from '../common/RecordUnavailable';

export function UserEdit() {
  return (
    <Edit
      error={<EditUnavailable />}
      mutationMode="pessimistic"
      redirect="show"
      transform={normalizePartnerLink}
      title={<UserTitle />}
      actions={
        <TopToolbar>
          <ShowButton />
          <UserActiveButton />
        </TopToolbar>
      }
    >
      <PageHeading title={<UserTitle />} />
      <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
        <UserInputs mode="edit" />
      </SimpleForm>
    </Edit>
  );
}
