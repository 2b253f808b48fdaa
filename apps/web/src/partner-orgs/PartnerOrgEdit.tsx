import { Edit, ShowButton, SimpleForm, TopToolbar } from 'react-admin';
import { ActiveToggleButton } from '../common/ActiveToggleButton';
import { FormToolbar } from '../common/FormToolbar';
import { PartnerOrgInputs } from './PartnerOrgInputs';
import { DEACTIVATE_WARNING, orgName, PartnerOrgTitle } from './PartnerOrgShow';
import { PageHeading } from '../common/PageHeading';
import { EditUnavailable } from '../common/RecordUnavailable';

function EditActions() {
  return (
    <TopToolbar>
      <ShowButton />
      <ActiveToggleButton
        subject="PartnerOrg"
        name={orgName}
        deactivateWarning={DEACTIVATE_WARNING}
      />
    </TopToolbar>
  );
}

export function PartnerOrgEdit() {
  return (
    <Edit error={<EditUnavailable />} mutationMode="pessimistic" redirect="show" actions={<EditActions />} title={<PartnerOrgTitle />}>
      <PageHeading title={<PartnerOrgTitle />} />
      <SimpleForm toolbar={<FormToolbar />} warnWhenUnsavedChanges>
        <PartnerOrgInputs mode="edit" />
      </SimpleForm>
    </Edit>
  );
}
