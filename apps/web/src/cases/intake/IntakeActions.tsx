import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import SaveIcon from '@mui/icons-material/Save';
import SendIcon from '@mui/icons-material/Send';
import { Box, Button, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { AutosaveStatus } from './AutosaveStatus';
import { REVIEW_STEP } from './intake-model';
import type { Autosave } from './use-autosave';
import type { IntakeMode } from './use-intake-save';

/** The buttons under a step: Back, the autosave's status, Save draft, then Next or the final action. */
export function IntakeActions({
  mode,
  active,
  busy,
  blocked,
  canAmend,
  autosave,
  go,
  onCancel,
  onSaveDraft,
  onSubmit,
  onAmend,
}: {
  mode: IntakeMode;
  active: number;
  busy: boolean;
  /** Nothing can be saved as it is (the narrative is too long). */
  blocked: boolean;
  canAmend: boolean;
  autosave: Autosave;
  go: (step: number) => void;
  onCancel?: () => void;
  onSaveDraft: () => void;
  onSubmit: () => void;
  onAmend: () => void;
}) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
      {mode === 'amend' && onCancel && (
        <Button color="inherit" onClick={onCancel} disabled={busy}>
          {translate('lantern.intake.cancelAmendment')}
        </Button>
      )}
      <Button startIcon={<ArrowBackIcon />} onClick={() => go(active - 1)} disabled={active === 0 || busy}>
        {translate('lantern.intake.back')}
      </Button>
      <Box sx={{ flex: 1 }} />
      {mode === 'draft' && (
        // On a phone the status takes a line of its own under the buttons, so they keep their width.
        <Box sx={{ order: { xs: 1, sm: 0 }, flexBasis: { xs: '100%', sm: 'auto' }, textAlign: 'right' }}>
          <AutosaveStatus status={autosave.status} savedAt={autosave.savedAt} />
        </Box>
      )}
      {mode === 'draft' && (
        <Button variant="outlined" startIcon={<SaveIcon />} onClick={onSaveDraft} disabled={busy || blocked}>
          {translate('lantern.referralDialog.saveDraft')}
        </Button>
      )}
      {active < REVIEW_STEP ? (
        <Button variant="contained" endIcon={<ArrowForwardIcon />} onClick={() => go(active + 1)} disabled={busy}>
          {translate('lantern.intake.next')}
        </Button>
      ) : mode === 'draft' ? (
        <Button variant="contained" endIcon={<SendIcon />} onClick={onSubmit} disabled={busy || blocked}>
          {translate('lantern.intake.submit')}
        </Button>
      ) : (
        <Button variant="contained" startIcon={<SaveIcon />} onClick={onAmend} disabled={busy || blocked || !canAmend}>
          {translate('lantern.intake.saveAmendment')}
        </Button>
      )}
    </Stack>
  );
}
