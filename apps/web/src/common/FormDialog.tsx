import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { toApiError } from '../providers/http';

/** The API's per-field messages, for the inputs of a dialog to show under themselves. */
export type FieldErrors = Record<string, string[]>;

/**
 * A small form in a dialog: submits once, keeps the dialog open with the API's message on failure and
 * hands the per-field messages to the inputs.
 */
export function FormDialog({
  title,
  submitLabel,
  ready,
  onSubmit,
  onClose,
  children,
  maxWidth = 'sm',
}: {
  title: string;
  submitLabel: string;
  ready: boolean;
  /** Resolves when done (the dialog then closes); a rejection is shown in the dialog. */
  onSubmit: () => Promise<void>;
  onClose: () => void;
  children: (fieldError: (field: string) => string | undefined) => ReactNode;
  maxWidth?: 'sm' | 'md';
}) {
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const close = (): void => {
    if (!busy) onClose();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      await onSubmit();
      onClose();
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError.message);
      setFieldErrors(apiError.body.fieldErrors);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string): string | undefined => fieldErrors[field]?.join('; ');

  return (
    <Dialog open onClose={close} aria-labelledby={titleId} maxWidth={maxWidth} fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {error && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {error}
            </Alert>
          )}
          {children(fieldError)}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} color="inherit" disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={!ready || busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
