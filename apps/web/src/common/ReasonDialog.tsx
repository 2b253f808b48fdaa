import { DialogContentText, TextField } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { FormDialog } from './FormDialog';

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
  reasonLabel = 'lantern.common.reason',
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
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  const label = translate(reasonLabel, { _: reasonLabel });
  const tooShort = required ? trimmed.length < minLength : trimmed.length > 0 && trimmed.length < minLength;

  const close = (): void => {
    setReason('');
    onClose();
  };

  return (
    <FormDialog
      open={open}
      title={title}
      intro={description && <DialogContentText sx={{ mb: 2 }}>{description}</DialogContentText>}
      submitLabel={confirmLabel}
      submitColor={confirmColor}
      ready={!tooShort && !confirmDisabled}
      onSubmit={() => onConfirm(trimmed === '' ? undefined : trimmed)}
      onClose={close}
    >
      {(fieldError) => (
        <>
          {children}
          <TextField
            label={required ? label : translate('lantern.common.optional', { label })}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required={required}
            multiline
            minRows={2}
            fullWidth
            autoFocus
            error={Boolean(fieldError(errorField))}
            helperText={
              fieldError(errorField) ??
              helperText ??
              (tooShort && trimmed.length > 0
                ? translate('lantern.common.atLeast', { min: minLength, length: trimmed.length, max: maxLength })
                : `${trimmed.length}/${maxLength}`)
            }
            slotProps={{ htmlInput: { maxLength } }}
          />
        </>
      )}
    </FormDialog>
  );
}
