import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import DownloadIcon from '@mui/icons-material/Download';
import VisibilityIcon from '@mui/icons-material/Visibility';
import type { CaseResponse, DocumentResponse } from '@lantern/contracts';
import { Alert, Box, Button, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetList, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { formatDate } from '../common/labels';
import { ReasonDialog } from '../common/ReasonDialog';
import { useCaseAccess } from '../cases/case-access';
import { API_URL, httpClient, toApiError } from '../providers/http';
import { ExpiryText, ScanChip, ScanningNotice, useScanning } from './DocumentBits';
import { formatSize, kindLabel } from './document-labels';
import { downloadDocument, PREVIEWABLE, previewDocument } from './document-transfer';
import { UploadDocumentDialog, type UploadPreset } from './UploadDocumentDialog';

/** Whether a document's file may be opened now: checked clean, or stored unscanned where no scanner runs. */
export const openable = (doc: DocumentResponse): boolean => doc.scanStatus === 'clean' || doc.scanStatus === 'unscanned';

/** Preview (PDF and images), download and, for the case's caseworker, delete: the actions of one document. */
export function DocumentActions({ doc, canOpen, onDelete }: { doc: DocumentResponse; canOpen: boolean; onDelete?: (doc: DocumentResponse) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const failed = (error: unknown) => notify(toApiError(error).message, { type: 'error' });
  const label = doc.title ?? kindLabel(doc.kind);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {canOpen && openable(doc) && PREVIEWABLE.has(doc.detectedType) && (
        <Button size="small" startIcon={<VisibilityIcon />} onClick={() => void previewDocument(doc).catch(failed)} aria-label={translate('lantern.documents.previewOf', { title: label })}>
          {translate('lantern.documents.preview')}
        </Button>
      )}
      {canOpen && openable(doc) && (
        <Button size="small" startIcon={<DownloadIcon />} onClick={() => void downloadDocument(doc).catch(failed)} aria-label={translate('lantern.documents.downloadOf', { title: label })}>
          {translate('lantern.documents.download')}
        </Button>
      )}
      {onDelete && (
        <Button size="small" color="error" startIcon={<DeleteIcon />} onClick={() => onDelete(doc)} aria-label={translate('lantern.documents.deleteOf', { title: label })}>
          {translate('ra.action.delete')}
        </Button>
      )}
    </Stack>
  );
}

/** One document as a row that wraps on a phone: kind, title, file, expiry, scan status, actions. */
export function DocumentRow({ doc, canOpen, onDelete }: { doc: DocumentResponse; canOpen: boolean; onDelete?: (doc: DocumentResponse) => void }) {
  const translate = useTranslate();
  return (
    <Paper variant="outlined" component="li" sx={{ p: 1.5, listStyle: 'none' }} data-testid="document-row">
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' } }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="overline" color="text.secondary" component="p" sx={{ lineHeight: 1.5 }}>
            {kindLabel(doc.kind)}
          </Typography>
          <Typography variant="subtitle2" component="h3" sx={{ overflowWrap: 'anywhere' }}>
            {/* A coordinator sees that a document exists, never its title or file name. */}
            {doc.title ?? translate('lantern.documents.titleHidden')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            {[doc.filename, formatSize(doc.sizeBytes), translate('lantern.documents.addedOn', { date: formatDate(doc.createdAt) })].filter(Boolean).join(' · ')}
          </Typography>
          <ExpiryText expiresOn={doc.expiresOn} />
        </Box>
        <Stack spacing={1} sx={{ alignItems: { xs: 'flex-start', sm: 'flex-end' } }}>
          <ScanChip status={doc.scanStatus} />
          <DocumentActions doc={doc} canOpen={canOpen} onDelete={onDelete} />
        </Stack>
      </Stack>
    </Paper>
  );
}

/** The documents of a case (issue 15): upload, preview, download, delete with a reason. */
export function DocumentsTab() {
  const record = useRecordContext<CaseResponse>();
  const access = useCaseAccess(record);
  const translate = useTranslate();
  const notify = useNotify();
  const scanning = useScanning();
  const [adding, setAdding] = useState<UploadPreset | null>(null);
  const [deleting, setDeleting] = useState<DocumentResponse | null>(null);
  const caseId = record?.id ?? '';
  const { data: documents = [], isPending, error, refetch } = useGetList<DocumentResponse>(
    'documents',
    { filter: { caseId }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    // While a file is being checked, look again every few seconds.
    { enabled: Boolean(caseId), refetchInterval: (query) => ((query.state.data?.data ?? []).some((d) => d.scanStatus === 'pending') ? 3_000 : false) },
  );
  if (!record) return null;
  const canCreate = Boolean(record.permissions?.documents?.create) && !access.closed;
  const canOpen = Boolean(record.permissions?.documents?.open);

  const remove = async (reason: string | undefined): Promise<void> => {
    if (!deleting || !reason) return;
    await httpClient(`${API_URL}/documents/${encodeURIComponent(deleting.id)}`, { method: 'DELETE', body: JSON.stringify({ reason, version: deleting.version }) });
    notify('lantern.documents.deleted', { type: 'success' });
    await refetch();
  };

  return (
    <Stack spacing={2}>
      <ScanningNotice scanning={scanning.data} />
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 200 }}>
          {translate('lantern.documents.intro')}
        </Typography>
        {canCreate && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding({})} disabled={scanning.data?.uploadsAllowed === false}>
            {translate('lantern.documents.upload')}
          </Button>
        )}
      </Stack>
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={120} />
      ) : documents.length === 0 ? (
        <Alert severity="info" variant="outlined">
          {translate('lantern.documents.empty')}
        </Alert>
      ) : (
        <Stack component="ul" spacing={1} sx={{ p: 0, m: 0 }} aria-label={translate('resources.documents.name', { smart_count: 2 })}>
          {documents.map((doc) => (
            <DocumentRow key={doc.id} doc={doc} canOpen={canOpen} onDelete={canCreate ? setDeleting : undefined} />
          ))}
        </Stack>
      )}
      {adding && (
        <UploadDocumentDialog
          open
          onClose={() => setAdding(null)}
          onUploaded={(doc) => {
            notify(doc.scanStatus === 'quarantined' ? 'lantern.documents.quarantinedNotice' : 'lantern.documents.uploaded', { type: doc.scanStatus === 'quarantined' ? 'warning' : 'success' });
            void refetch();
          }}
          caseId={caseId}
          survivorId={record.survivorId}
          maxBytes={scanning.data?.maxBytes}
          preset={adding}
        />
      )}
      <ReasonDialog
        open={deleting !== null}
        title={translate('lantern.documents.deleteTitle', { title: deleting?.title ?? '' })}
        description={translate('lantern.documents.deleteText')}
        confirmLabel={translate('ra.action.delete')}
        confirmColor="error"
        required
        minLength={3}
        reasonLabel={translate('lantern.documents.deleteReason')}
        onConfirm={remove}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
