import AttachFileIcon from '@mui/icons-material/AttachFile';
import type { CaseResponse, DocumentResponse } from '@lantern/contracts';
import { Button, Stack, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { DocumentActions } from './DocumentsTab';
import { ScanChip } from './DocumentBits';

/** The case's documents linked to a consent (a signed consent form), by consent; none when the reader may not list them. */
export function useConsentDocuments(record: CaseResponse | undefined): Map<string, DocumentResponse[]> {
  const enabled = Boolean(record?.id && record.permissions?.documents?.read);
  const { data = [] } = useGetList<DocumentResponse>(
    'documents',
    { filter: { caseId: record?.id }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled },
  );
  const byConsent = new Map<string, DocumentResponse[]>();
  for (const doc of data) {
    if (!doc.consentId) continue;
    byConsent.set(doc.consentId, [...(byConsent.get(doc.consentId) ?? []), doc]);
  }
  return byConsent;
}

/** A consent's signed forms: title, scan status, preview and download. */
export function ConsentForms({ documents, canOpen }: { documents: DocumentResponse[] | undefined; canOpen: boolean }) {
  const translate = useTranslate();
  if (!documents?.length) return null;
  return (
    <Stack spacing={0.5} sx={{ mt: 1 }} data-testid="consent-forms">
      {documents.map((doc) => (
        <Stack key={doc.id} direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="body2" sx={{ color: 'inherit' }}>
            {translate('lantern.documents.signedForm', { title: doc.title ?? translate('lantern.documents.untitled') })}
          </Typography>
          <ScanChip status={doc.scanStatus} />
          <DocumentActions doc={doc} canOpen={canOpen} />
        </Stack>
      ))}
    </Stack>
  );
}

/** Opens the upload with the kind "consent form" and this consent already chosen. */
export function AttachFormButton({ onClick }: { onClick: () => void }) {
  const translate = useTranslate();
  return (
    <Button size="small" startIcon={<AttachFileIcon />} onClick={onClick}>
      {translate('lantern.documents.attachForm')}
    </Button>
  );
}
