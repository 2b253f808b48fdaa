import UploadFileIcon from '@mui/icons-material/UploadFile';
import type { ConsentResponse, DocumentKind, DocumentResponse } from '@lantern/contracts';
import { Box, Button, FormHelperText, LinearProgress, MenuItem, TextField, Typography } from '@mui/material';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import { CONSENT_PURPOSE_LABELS, formatDate } from '../common/labels';
import { FormDialog } from '../common/FormDialog';
import { DOCUMENT_KIND_CHOICES, formatSize } from './document-labels';
import { uploadDocument, type Upload } from './document-transfer';

const today = (): string => new Date().toISOString().slice(0, 10);
/** A title from a file name: without its extension. */
const titleOf = (name: string): string => name.replace(/\.[A-Za-z0-9]{1,8}$/, '').slice(0, 200);

export interface UploadPreset {
  kind?: DocumentKind;
  consentId?: string;
}

/**
 * Adds a document to a case: a file dropped on the box or picked, its kind and title, an optional
 * expiry date (IDs and visas expire) and an optional link to one of the survivor's consents (a signed
 * consent form). Shows the upload's progress, then waits for the virus check.
 */
export function UploadDocumentDialog({
  open,
  onClose,
  onUploaded,
  caseId,
  survivorId,
  maxBytes,
  preset,
}: {
  open: boolean;
  onClose: () => void;
  onUploaded: (document: DocumentResponse) => void;
  caseId: string;
  survivorId: string | undefined;
  maxBytes: number | undefined;
  preset?: UploadPreset;
}) {
  const translate = useTranslate();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const upload = useRef<Upload | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<DocumentKind | ''>(preset?.kind ?? '');
  const [title, setTitle] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [consentId, setConsentId] = useState(preset?.consentId ?? '');
  const [progress, setProgress] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const { data: consents = [] } = useGetList<ConsentResponse>(
    'consents',
    { filter: { survivorId }, sort: { field: 'grantedAt', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: open && Boolean(survivorId) },
  );
  const tooLarge = Boolean(file && maxBytes && file.size > maxBytes);
  const ready = Boolean(file && kind && title.trim() && !tooLarge);

  const choose = (chosen: File | undefined | null): void => {
    if (!chosen) return;
    setFile(chosen);
    if (!title.trim()) setTitle(titleOf(chosen.name));
  };
  const drop = (event: DragEvent): void => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files?.[0]);
  };
  const close = (): void => {
    upload.current?.abort();
    setFile(null);
    setKind(preset?.kind ?? '');
    setTitle('');
    setExpiresOn('');
    setConsentId(preset?.consentId ?? '');
    setProgress(null);
    onClose();
  };
  const submit = async (): Promise<void> => {
    if (!file || !kind) return;
    setProgress(0);
    try {
      upload.current = uploadDocument({ caseId, kind, title: title.trim(), expiresOn, consentId }, file, setProgress);
      const stored = await upload.current.done;
      onUploaded(stored);
      setFile(null);
      setTitle('');
      setExpiresOn('');
    } finally {
      upload.current = null;
      setProgress(null);
    }
  };

  const percent = progress === null ? null : Math.round(progress * 100);
  return (
    <FormDialog
      open={open}
      title={translate('lantern.documents.upload')}
      submitLabel={translate('lantern.documents.uploadAction')}
      submitIcon={<UploadFileIcon />}
      ready={ready}
      onSubmit={submit}
      onClose={close}
      intro={
        percent !== null && (
          <Box sx={{ mb: 2 }} data-testid="upload-progress">
            <Typography variant="body2" sx={{ mb: 0.5 }} aria-live="polite">
              {percent < 100 ? translate('lantern.documents.uploading', { percent }) : translate('lantern.documents.checking')}
            </Typography>
            <LinearProgress
              variant={percent < 100 ? 'determinate' : 'indeterminate'}
              value={percent}
              aria-label={translate('lantern.documents.progress')}
            />
          </Box>
        )
      }
    >
      {(fieldError) => (
        <>
          <Box
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={drop}
            data-testid="document-drop-zone"
            sx={{
              border: 2,
              borderStyle: 'dashed',
              borderColor: dragging ? 'primary.main' : fieldError('file') || fieldError('filename') || tooLarge ? 'error.main' : 'divider',
              borderRadius: 1,
              p: 2,
              mb: 2,
              mt: 1,
              textAlign: 'center',
              bgcolor: dragging ? 'action.hover' : undefined,
            }}
          >
            <Typography variant="body2" sx={{ mb: 1 }}>
              {file ? translate('lantern.documents.chosen', { name: file.name, size: formatSize(file.size) }) : translate('lantern.documents.dropHere')}
            </Typography>
            <input
              ref={input}
              id={inputId}
              type="file"
              hidden
              accept=".pdf,.jpg,.jpeg,.png,.heic,.heif,.docx,.xlsx,.txt"
              onChange={(event) => choose(event.target.files?.[0])}
              data-testid="document-file-input"
            />
            <Button variant="outlined" size="small" onClick={() => input.current?.click()}>
              {file ? translate('lantern.documents.chooseOther') : translate('lantern.documents.choose')}
            </Button>
            <FormHelperText error={Boolean(fieldError('file') || fieldError('filename') || tooLarge)} sx={{ textAlign: 'center' }}>
              {fieldError('file') ??
                fieldError('filename') ??
                (tooLarge && maxBytes ? translate('lantern.documents.tooLarge', { size: formatSize(maxBytes) }) : translate('lantern.documents.accepted'))}
            </FormHelperText>
          </Box>
          <TextField
            select
            label={translate('resources.documents.fields.kind')}
            value={kind}
            onChange={(event) => setKind(event.target.value as DocumentKind)}
            fullWidth
            required
            error={Boolean(fieldError('kind'))}
            helperText={fieldError('kind') ?? ' '}
          >
            {DOCUMENT_KIND_CHOICES.map((choice) => (
              <MenuItem key={choice.id} value={choice.id}>
                {choice.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={translate('resources.documents.fields.title')}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            fullWidth
            required
            error={Boolean(fieldError('title'))}
            helperText={fieldError('title') ?? translate('lantern.documents.titleHelp')}
            slotProps={{ htmlInput: { maxLength: 200 } }}
            sx={{ mb: 1 }}
          />
          <TextField
            label={translate('lantern.documents.expiresOn')}
            type="date"
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.target.value)}
            error={Boolean(fieldError('expiresOn'))}
            helperText={fieldError('expiresOn') ?? translate('lantern.documents.expiresHelp')}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: today() } }}
            fullWidth
            sx={{ mb: 1 }}
          />
          <TextField
            select
            label={translate('lantern.documents.consentLink')}
            value={consentId}
            onChange={(event) => setConsentId(event.target.value)}
            fullWidth
            error={Boolean(fieldError('consentId'))}
            helperText={fieldError('consentId') ?? translate('lantern.documents.consentLinkHelp')}
          >
            <MenuItem value="">{translate('lantern.documents.noConsent')}</MenuItem>
            {consents.map((consent) => (
              <MenuItem key={consent.id} value={consent.id}>
                {translate('lantern.documents.consentOption', { purpose: CONSENT_PURPOSE_LABELS[consent.purpose], date: formatDate(consent.grantedAt) })}
              </MenuItem>
            ))}
          </TextField>
        </>
      )}
    </FormDialog>
  );
}
