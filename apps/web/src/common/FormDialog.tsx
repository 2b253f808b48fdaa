import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { HttpError, useTranslate } from 'react-admin';
import { toApiError, type ApiError } from '../providers/http';

/** The API's per-field messages, for the inputs of a form to show under themselves. */
export type FieldErrors = Record<string, string[]>;

/** The message of one field, as an input's helper text shows it. */
export type FieldError = (field: string) => string | undefined;

export interface FormSubmitOptions {
  ready: boolean;
  /**
   * Resolves when done (then `onDone` runs); a rejection is shown in the form. Resolving with `'stay'`
   * keeps the form open without an error: the answer asks for another step (a reason, say).
   */
  onSubmit: () => Promise<void | 'stay'>;
  onDone: () => void;
  /** After the failure is shown: refetch what the refusal may have changed, clear a password. */
  onError?: (caught: unknown) => void;
  /** The API's refusal in words that say what to do next; its own message when left out. */
  messageOf?: (error: ApiError) => string;
}

export interface FormSubmit {
  busy: boolean;
  error: string | null;
  fieldError: FieldError;
  submit: (event: FormEvent) => void;
  /** Forget the last failure (a dialog that is closed and opened again starts clean). */
  clear: () => void;
}

/**
 * Submits a form once at a time; on failure keeps the API's message (problem+json) and its per-field
 * messages for the inputs. An error thrown by the page itself (not an HTTP answer) is shown as it is.
 */
export function useFormSubmit({ ready, onSubmit, onDone, onError, messageOf = (error) => error.message }: FormSubmitOptions): FormSubmit {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const clear = (): void => {
    setError(null);
    setFieldErrors({});
  };

  const run = async (): Promise<void> => {
    setBusy(true);
    clear();
    try {
      if ((await onSubmit()) !== 'stay') onDone();
    } catch (caught) {
      if (caught instanceof Error && !(caught instanceof HttpError)) {
        setError(caught.message);
      } else {
        const apiError = toApiError(caught);
        setError(messageOf(apiError));
        setFieldErrors(apiError.body.fieldErrors);
      }
      onError?.(caught);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!ready || busy) return;
    void run();
  };

  return { busy, error, fieldError: (field) => fieldErrors[field]?.join('; '), submit, clear };
}

/** The reason the last submit failed, read out as soon as it appears. */
export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }}>
      {error}
    </Alert>
  );
}

/**
 * A small form in a dialog: submits once, keeps the dialog open with the API's message on failure and
 * hands the per-field messages to the inputs.
 */
export function FormDialog({
  open = true,
  title,
  intro,
  submitLabel,
  submitColor = 'primary',
  submitIcon,
  cancelLabel,
  ready,
  onSubmit,
  onClose,
  onError,
  messageOf,
  children,
  maxWidth = 'sm',
}: {
  open?: boolean;
  title: string;
  /** What the dialog does, above the failure message. */
  intro?: ReactNode;
  submitLabel: string;
  submitColor?: 'primary' | 'error' | 'warning';
  submitIcon?: ReactNode;
  /** The dismiss button's words ("Cancel" unless given). */
  cancelLabel?: string;
  ready: boolean;
  /** Resolves when done (the dialog then closes; `'stay'` keeps it open); a rejection is shown in the dialog. */
  onSubmit: FormSubmitOptions['onSubmit'];
  onClose: () => void;
  onError?: FormSubmitOptions['onError'];
  messageOf?: FormSubmitOptions['messageOf'];
  children: (fieldError: FieldError) => ReactNode;
  maxWidth?: 'sm' | 'md';
}) {
  const titleId = useId();
  const translate = useTranslate();
  const form = useFormSubmit({ ready, onSubmit, onDone: onClose, onError, messageOf });

  const close = (): void => {
    if (form.busy) return;
    form.clear();
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} maxWidth={maxWidth} fullWidth>
      <form onSubmit={form.submit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {intro}
          <FormError error={form.error} />
          {children(form.fieldError)}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} color="inherit" disabled={form.busy}>
            {cancelLabel ?? translate('ra.action.cancel')}
          </Button>
          <Button type="submit" variant="contained" color={submitColor} startIcon={submitIcon} disabled={!ready || form.busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
