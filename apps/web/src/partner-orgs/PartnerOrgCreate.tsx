import { Create, SimpleForm } from 'react-admin';
import { FormToolbar } from '../common/FormToolbar';
import { PartnerOrgInputs } from './PartnerOrgInputs';
import { PageHeading } from '../common/PageHeading';

const defaults = { serviceTypes: [], capacity: 0, acceptingReferrals: true };

export function PartnerOrgCreate() {
  return (
    <Create redirect="show" title="lantern.partnerOrgs.new">
      <PageHeading title="lantern.partnerOrgs.new" />
      <SimpleForm toolbar={<FormToolbar />} defaultValues={defaults} warnWhenUnsavedChanges>
        <PartnerOrgInputs mode="create" />
      </SimpleForm>
    </Create>
  );
}
