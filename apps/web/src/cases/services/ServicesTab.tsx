import type { CaseResponse } from '@lantern/contracts';
import { Stack } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useCan } from '../../common/use-can';
import { FunderDataPanel } from './FunderDataPanel';
import { ImmigrationReliefPanel } from './ImmigrationReliefPanel';
import { ServiceLog } from './ServiceLog';
import { useServicesTab } from './use-services-tab';

/**
 * The case's Services tab (issue 16): every service given on this case, by staff and partners, newest
 * first; then the case's immigration relief, which funders of trafficking programs also count, and its
 * funder data (HMIS).
 */
export function ServicesTab() {
  const record = useRecordContext<CaseResponse>();
  const translate = useTranslate();
  const access = useServicesTab(record);
  const can = useCan();
  if (!record) return null;
  return (
    <Stack spacing={3}>
      <ServiceLog
        mode="staff"
        filter={{ caseId: record.id }}
        caseId={record.id}
        manage={access.manage}
        heading={translate('lantern.services.title')}
        intro={translate(record.status === 'closed' ? 'lantern.services.closedIntro' : 'lantern.services.intro')}
      />
      {can('read', 'ImmigrationRelief') && <ImmigrationReliefPanel record={record} />}
      {can('read', 'FunderData') && <FunderDataPanel record={record} />}
    </Stack>
  );
}
