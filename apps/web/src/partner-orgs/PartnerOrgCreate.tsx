import { Create, SimpleForm } from 'react-admin';
import { FormToolbar } from '../common/FormToolbar';
import { PartnerOrgInputs } from './PartnerOrgInputs';

const defaults = { serviceTypes: [], capacity: 0, acceptingReferrals: true };

export function PartnerOrgCreate() {
  return (
    <Create redirect="show" title="New partner organization">
      <SimpleForm toolbar={<FormToolbar />} defaultValues={defaults} warnWhenUnsavedChanges>
        <PartnerOrgInputs mode="create" />
      </SimpleForm>
    </Create>
  );
}
