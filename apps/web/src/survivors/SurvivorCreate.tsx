import { Create, SimpleForm } from 'react-admin';
import { FormToolbar } from '../common/FormToolbar';
import { SurvivorInputs } from './SurvivorInputs';
import { DuplicateWarning } from './DuplicateWarning';
import { PageHeading } from '../common/PageHeading';
import { FormCustomInputs } from '../custom-fields/FormCustomInputs';
import { withoutEmptyCustom } from '../custom-fields/use-new-record-custom';

const defaults = { citizenship: [], languages: [] };

/** Her own fields' values left empty are not sent. */
const transform = (data: Record<string, unknown>) => {
  const out = { ...data };
  withoutEmptyCustom(out);
  return out;
};

/** A survivor record on its own; the usual way in is "New intake", which opens a case as well. */
export function SurvivorCreate() {
  return (
    <Create redirect="show" title="lantern.newIntake.newRecord" mutationMode="pessimistic" transform={transform}>
      <PageHeading title="lantern.newIntake.newRecord" />
      <SimpleForm toolbar={<FormToolbar />} defaultValues={defaults} warnWhenUnsavedChanges>
        <SurvivorInputs mode="create" />
        {/* The organization's own survivor fields her role may write; required ones must be given. */}
        <FormCustomInputs route="survivor" />
        <DuplicateWarning />
      </SimpleForm>
    </Create>
  );
}
