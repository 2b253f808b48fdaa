import AssessmentIcon from '@mui/icons-material/Assessment';
import type { CaseResponse, ClosureReason } from '@lantern/contracts';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  ListSubheader,
  MenuItem,
  Skeleton,
  Stack,
  TextField,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useCreatePath, useDataProvider, useNavigate, useNotify, useRefresh } from 'react-admin';
import { CLOSURE_REASON_CHOICES, hmisGroups } from '../../common/choices';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';

const NOTE_MAX = 500;
const DESTINATION_GROUPS = hmisGroups('destination');

/**
 * Closing a case: the API says first what stands in the way (an exit assessment, open referrals), so
 * the dialog explains it before it lets anyone close. The reason and the HUD HMIS exit destination
 * feed the exit metrics; open referrals may be cancelled in the same step (the partners are told).
 */
export function CloseCaseDialog({ record, onClose }: { record: CaseResponse; onClose: () => void }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const titleId = useId();
  const check = useQuery({
    queryKey: ['cases', record.id, 'closure-check'],
    queryFn: () => dataProvider.closureCheck(record.id),
    staleTime: 0,
    gcTime: 0,
  });
  const [closureReason, setClosureReason] = useState<ClosureReason | ''>('');
  const [destination, setDestination] = useState('');
  const [note, setNote] = useState('');
  const [cancelReferrals, setCancelReferrals] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);

  const missing = check.data?.missing ?? [];
  const exitMissing = missing.some((m) => m.code === 'EXIT_ASSESSMENT_MISSING');
  const openReferrals = check.data?.openReferrals ?? 0;
  const blocked = !check.data || exitMissing || missing.some((m) => m.code === 'ALREADY_CLOSED') || (openReferrals > 0 && !cancelReferrals);
  const ready = !blocked && Boolean(closureReason) && Boolean(destination) && note.length <= NOTE_MAX;

  const close = (): void => {
    if (!busy) onClose();
  };

  const recordExit = (): void => {
    onClose();
    navigate(`${createPath({ resource: 'cases', type: 'show', id: record.id })}/outcomes`, { state: { stage: 'exit' } });
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!ready || !closureReason) return;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const trimmed = note.trim();
      await dataProvider.closeCase(record.id, {
        closureReason,
        exitDestination: Number(destination),
        ...(openReferrals > 0 ? { cancelOpenReferrals: cancelReferrals } : {}),
        ...(trimmed ? { note: trimmed } : {}),
        version: record.version,
      });
      notify('The case is closed.', { type: 'success' });
      onClose();
      refresh();
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError.message);
      setFieldErrors(apiError.body.fieldErrors);
      void check.refetch();
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string): string | undefined => fieldErrors[field]?.join('; ');

  return (
    <Dialog open onClose={close} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle id={titleId}>Close this case</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            Closing ends this episode of service and keeps the file read-only. Only a coordinator can reopen it.
          </DialogContentText>
          {error && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {error}
            </Alert>
          )}
          {check.error ? (
            <Alert severity="error" sx={{ mb: 2 }}>
              {toApiError(check.error).message}
            </Alert>
          ) : check.isPending ? (
            <Skeleton variant="rounded" height={56} sx={{ mb: 2 }} />
          ) : missing.length > 0 ? (
            <Stack spacing={1} sx={{ mb: 2 }} data-testid="closure-check">
              {exitMissing && (
                <Alert
                  severity="warning"
                  action={
                    <Button color="inherit" size="small" startIcon={<AssessmentIcon />} onClick={recordExit}>
                      Record it
                    </Button>
                  }
                >
                  <AlertTitle>The exit assessment is missing</AlertTitle>
                  Record where the person is living, working and how safe they feel at exit first (Outcomes tab).
                </Alert>
              )}
              {openReferrals > 0 && (
                <Alert severity={cancelReferrals ? 'info' : 'warning'}>
                  <AlertTitle>
                    {openReferrals} referral{openReferrals === 1 ? ' is' : 's are'} still open
                  </AlertTitle>
                  Finish {openReferrals === 1 ? 'it' : 'them'} first, or cancel {openReferrals === 1 ? 'it' : 'them'} with the closure: the partner is told.
                  <FormControlLabel
                    sx={{ display: 'flex', mt: 0.5 }}
                    control={<Checkbox checked={cancelReferrals} onChange={(event) => setCancelReferrals(event.target.checked)} />}
                    label={`Cancel the open referral${openReferrals === 1 ? '' : 's'} in the same step`}
                  />
                </Alert>
              )}
              {missing
                .filter((m) => m.code === 'ALREADY_CLOSED')
                .map((m) => (
                  <Alert key={m.code} severity="info">
                    {m.message}
                  </Alert>
                ))}
            </Stack>
          ) : (
            <Alert severity="success" variant="outlined" sx={{ mb: 2 }} data-testid="closure-check">
              The exit assessment is recorded and no referral is open.
            </Alert>
          )}
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, mb: 2 }}>
            <TextField
              select
              label="Reason for closing"
              value={closureReason}
              onChange={(event) => setClosureReason(event.target.value as ClosureReason)}
              required
              error={Boolean(fieldError('closureReason'))}
              helperText={fieldError('closureReason')}
            >
              {CLOSURE_REASON_CHOICES.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label="Exit destination"
              value={destination}
              onChange={(event) => setDestination(event.target.value)}
              required
              error={Boolean(fieldError('exitDestination'))}
              helperText={fieldError('exitDestination') ?? 'Where the person goes (HUD HMIS)'}
            >
              {DESTINATION_GROUPS.flatMap((group) => [
                <ListSubheader key={group.category}>{group.label}</ListSubheader>,
                ...group.codes.map((item) => (
                  <MenuItem key={item.code} value={String(item.code)} sx={{ pl: 3 }}>
                    {item.name}
                  </MenuItem>
                )),
              ])}
            </TextField>
          </Box>
          <TextField
            label="Note (optional)"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            multiline
            minRows={2}
            fullWidth
            error={note.length > NOTE_MAX || Boolean(fieldError('note'))}
            helperText={fieldError('note') ?? `${note.length}/${NOTE_MAX}`}
            slotProps={{ htmlInput: { maxLength: NOTE_MAX } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close} color="inherit" disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" color="error" disabled={!ready || busy}>
            Close case
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
