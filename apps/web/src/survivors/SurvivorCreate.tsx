import { Create, SimpleForm } from 'react-admin';
import { FormToolbar } from '../common/FormToolbar';
import { SurvivorInputs } from './SurvivorInputs';
import { DuplicateWarning } from './DuplicateWarning';
import { PageHeading } from '../common/PageHeading';

const defaults = { citizenship: [], languages: [] };

/** A survivor record on its own; the usual way in is "New intake", which opens a case as well. */
export function SurvivorCreate() {
  return (
    <Create redirect="show" title="lantern.newIntake.newRecord" mutationMode="pessimistic">
      <PageHeading title="lantern.newIntake.newRecord" />
      <SimpleForm toolbar={<FormToolbar />} defaultValues={defaults} warnWhenUnsavedChanges>
        <SurvivorInputs mode="create" />
        <DuplicateWarning />
      </SimpleForm>
    </Create>
  );
}
