import { Edit, ShowButton, SimpleForm, TopToolbar } from 'react-admin';
import { FormToolbar } from '../common/FormToolbar';
import { SurvivorInputs } from './SurvivorInputs';
import { SurvivorTitle } from './SurvivorShow';
import { PageHeading } from '../common/PageHeading';
import { EditUnavailable } from '../common/RecordUnavailable';

export function SurvivorEdit() {
  return (
    <Edit
      error={<EditUnavailable />}
      mutationMode="pessimistic"
      redirect="show"
      title={<SurvivorTitle />}
      actions={
        <TopToolbar>
          <ShowButton />
        </TopToolbar>
      }
    >
      <PageHeading title={<SurvivorTitle />} />
      <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
        <SurvivorInputs mode="edit" />
      </SimpleForm>
    </Edit>
  );
}
