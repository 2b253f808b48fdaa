import type { DocumentScanningResponse, DocumentScanStatus } from '@lantern/contracts';
import { Alert, Chip, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { formatDate } from '../common/labels';
import { api } from '../providers/http';
import { DOCUMENT_SCAN_LABELS } from './document-labels';

const SCAN_COLORS: Record<DocumentScanStatus, 'info' | 'success' | 'error' | 'warning'> = {
  pending: 'info',
  clean: 'success',
  quarantined: 'error',
  unscanned: 'warning',
};

/** "Being checked", "Clean", "Quarantined" or "Not scanned". */
export function ScanChip({ status }: { status: DocumentScanStatus }) {
  return <Chip size="small" color={SCAN_COLORS[status]} variant={status === 'clean' ? 'outlined' : 'filled'} label={DOCUMENT_SCAN_LABELS[status]} data-testid={`scan-${status}`} />;
}

/** Whether uploads are scanned, and how large a file may be (GET /documents/scanning). */
export function useScanning() {
  return useQuery({ queryKey: ['documents', 'scanning'], queryFn: () => api<DocumentScanningResponse>('/documents/scanning'), staleTime: 60_000 });
}

/** The visible warning that uploads are not checked for viruses (demo mode without a scanner). */
export function ScanningNotice({ scanning }: { scanning: DocumentScanningResponse | undefined }) {
  const translate = useTranslate();
  if (!scanning || scanning.scanned) return null;
  return (
    <Alert severity="warning" data-testid="files-not-scanned">
      {translate(scanning.uploadsAllowed ? 'lantern.documents.notScanned' : 'lantern.documents.uploadsOff')}
    </Alert>
  );
}

const DAY = 86_400_000;

/** The expiry date, in warning colours from 30 days before it (IDs and visas: time to renew). */
export function ExpiryText({ expiresOn }: { expiresOn: string | null | undefined }) {
  const translate = useTranslate();
  if (!expiresOn) return null;
  const left = (new Date(`${expiresOn}T00:00:00`).getTime() - Date.now()) / DAY;
  const key = left < 0 ? 'lantern.documents.expired' : left <= 30 ? 'lantern.documents.expiresSoon' : 'lantern.documents.expires';
  return (
    <Typography variant="body2" color={left <= 30 ? 'warning.dark' : 'text.secondary'} data-testid="document-expiry">
      {translate(key, { date: formatDate(expiresOn) })}
    </Typography>
  );
}
