import { Alert, Box, Tab, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { PageHeading } from '../common/PageHeading';
import { useCan } from '../common/use-can';
import { useSession } from '../providers/session';
import { ErasureRequests } from './ErasureRequests';
import { LegalHolds } from './LegalHolds';
import { PurgeReport } from './PurgeReport';
import { RetentionSettings } from './RetentionSettings';

const TABS = ['erasure', 'retention', 'holds', 'report'] as const;

/**
 * Admins: erasure on request (two admins), the retention period and its 30-day preview, legal holds and
 * the purge report (issue 16; docs/retention.md). Other roles get a refusal, as from the API.
 */
export function RetentionPage() {
  const translate = useTranslate();
  const can = useCan();
  const session = useSession();
  const [tab, setTab] = useState<(typeof TABS)[number]>('erasure');
  const allowed = can('read', 'Retention') && !session?.me.mfaEnrolmentRequired;
  return (
    <Box sx={{ py: 2 }}>
      <Title title="lantern.retention.title" />
      <PageHeading title="lantern.retention.title" />
      {!allowed ? (
        <Alert severity="warning" role="alert" sx={{ maxWidth: 700 }}>
          {translate('lantern.retention.refused')}
        </Alert>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 800 }}>
            {translate('lantern.retention.intro')}
          </Typography>
          <Tabs value={tab} onChange={(_e, value: (typeof TABS)[number]) => setTab(value)} variant="scrollable" scrollButtons="auto" aria-label={translate('lantern.retention.title')} sx={{ mb: 2 }}>
            {TABS.map((name) => (
              <Tab key={name} value={name} label={translate(`lantern.retention.tabs.${name}`)} id={`retention-tab-${name}`} aria-controls={`retention-panel-${name}`} />
            ))}
          </Tabs>
          <Box role="tabpanel" id={`retention-panel-${tab}`} aria-labelledby={`retention-tab-${tab}`}>
            {tab === 'erasure' && <ErasureRequests />}
            {tab === 'retention' && <RetentionSettings />}
            {tab === 'holds' && <LegalHolds />}
            {tab === 'report' && <PurgeReport />}
          </Box>
        </>
      )}
    </Box>
  );
}
