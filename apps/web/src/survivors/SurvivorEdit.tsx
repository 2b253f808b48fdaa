import { Edit, ShowButton, SimpleForm, TopToolbar } from 'react-admin';
import { FormToolbar } from '../common/FormToolbar';
import { SurvivorInputs } from './SurvivorInputs';
import { SurvivorTitle } from './SurvivorShow';

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
      <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
        <SurvivorInputs mode="edit" />
      </SimpleForm>
    </Edit>
  );
}
