import { Edit, ShowButton, SimpleForm, TopToolbar } from 'react-admin';
import { FormToolbar } from '../common/FormToolbar';
import { SurvivorInputs } from './SurvivorInputs';
import { SurvivorTitle } from './SurvivorShow';
import { PageHeading } from '../common/PageHeading';

export function SurvivorEdit() {
  return (
    <Edit
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
