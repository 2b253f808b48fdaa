import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatTime } from '../../i18n/format';
import type { AutosaveStatus as Status } from './use-autosave';

/**
 * A quiet line beside the form's buttons: "Saved 10:42", "Saving…", "Not saved — retrying". A polite
 * live region, always in the page (a region that appears with its text is not read out), so a screen
 * reader hears the change when the person pauses, never in the middle of a word.
 */
export function AutosaveStatus({ status, savedAt }: { status: Status; savedAt: Date | null }) {
  const translate = useTranslate();
  const failed = status === 'retrying' || status === 'rejected' || status === 'conflict';
  let text = '';
  if (status === 'saving') text = translate('lantern.autosave.saving');
  else if (status === 'retrying') text = translate('lantern.autosave.retrying');
  else if (failed) text = translate('lantern.autosave.notSaved');
  else if (savedAt) text = translate('lantern.autosave.saved', { time: formatTime(savedAt) });
  return (
    <Typography
      role="status"
      aria-live="polite"
      variant="body2"
      color={failed ? 'error' : 'text.secondary'}
      data-testid="autosave-status"
      sx={{ minHeight: '1.5em' }}
    >
      {text}
    </Typography>
  );
}
