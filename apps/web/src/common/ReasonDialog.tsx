import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { HttpError } from 'react-admin';
import { toApiError } from '../providers/http';

/**
 * Asks why before a change that needs a reason (closing or reopening a case, revoking consent,
 * amending an intake). The API's message, or its message about the reason, is shown in place.
 */
export function ReasonDialog({
  open,
  title,
  description,
  confirmLabel,
  confirmColor = 'primary',
  required,
  minLength = required ? 3 : 0,
  maxLength = 500,
  reasonLabel = 'Reason',
  helperText,
  onConfirm,
  onClose,
  children,
  confirmDisabled = false,
  errorField = 'reason',
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  confirmColor?: 'primary' | 'error' | 'warning';
  required: boolean;
  minLength?: number;
  maxLength?: number;
  reasonLabel?: string;
  helperText?: string;
  /** Resolves when done; a rejection is shown in the dialog, which stays open. */
  onConfirm: (reason: string | undefined) => Promise<void>;
  onClose: () => void;
  children?: ReactNode;
  /** Other inputs of the dialog are not ready yet. */
  confirmDisabled?: boolean;
  /** The API's name of the text this dialog asks for (its field errors are shown under the input). */
  errorField?: string;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const trimmed = reason.trim();
  const tooShort = required ? trimmed.length < minLength : trimmed.length > 0 && trimmed.length < minLength;

  const close = (): void => {
    if (busy) return;
    setReason('');
    setError(null);
    setFieldError(null);
    onClose();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (tooShort) return;
    setBusy(true);
    setError(null);
    setFieldError(null);
    try {
      await onConfirm(trimmed === '' ? undefined : trimmed);
      setReason('');
      onClose();
    } catch (caught) {
      if (caught instanceof Error && !(caught instanceof HttpError)) {
        setError(caught.message);
        return;
      }
      const apiError = toApiError(caught);
      setError(apiError.message);
      const reasonErrors = apiError.body.fieldErrors[errorField];
      if (reasonErrors) setFieldError(reasonErrors.join('; '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {description && <DialogContentText sx={{ mb: 2 }}>{description}</DialogContentText>}
          {error && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {error}
            </Alert>
          )}
          {children}
          <TextField
            label={required ? reasonLabel : `${reasonLabel} (optional)`}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required={required}
            multiline
            minRows={2}
            fullWidth
            autoFocus
            error={Boolean(fieldError)}
            helperText={
              fieldError ??
              helperText ??
              (tooShort && trimmed.length > 0 ? `At least ${minLength} characters (${trimmed.length}/${maxLength})` : `${trimmed.length}/${maxLength}`)
            }
            slotProps={{ htmlInput: { maxLength } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close} color="inherit" disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" color={confirmColor} disabled={busy || tooShort || confirmDisabled}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
