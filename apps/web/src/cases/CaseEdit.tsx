import { Edit, ShowButton, SimpleForm, TopToolbar } from 'react-admin';
import { FormToolbar } from '../common/FormToolbar';
import { CaseInputs } from './CaseInputs';
import { CaseTitle } from './CaseShow';
import { PageHeading } from '../common/PageHeading';
import { EditUnavailable } from '../common/RecordUnavailable';

/** Risk, referral source and types of exploitation; pessimistic, so the audit row is written before the screen moves on. */
export function CaseEdit() {
  return (
    <Edit
      error={<EditUnavailable />}
      mutationMode="pessimistic"
      redirect="show"
      title={<CaseTitle />}
      actions={
        <TopToolbar>
          <ShowButton />
        </TopToolbar>
      }
    >
      <PageHeading title={<CaseTitle />} />
      <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
        <CaseInputs />
      </SimpleForm>
    </Edit>
  );
}
