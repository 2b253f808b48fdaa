import LockOpenIcon from '@mui/icons-material/LockOpen';
import ReportIcon from '@mui/icons-material/Report';
import type { BreakGlassGrantResponse } from '@lantern/contracts';
import { Alert, AlertTitle, Box, Button, List, ListItem, ListItemIcon, ListItemText, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRefresh } from 'react-admin';
import { FormDialog } from '../common/FormDialog';
import { useCan } from '../common/use-can';
import type { LanternDataProvider } from '../providers/data-provider';
import { loadSession, useSession } from '../providers/session';

const RULES = [
  'It opens this one survivor’s whole file — identifying details, intake, consent and notes — for 60 minutes.',
  'Your reason, and every record you open, are written to the audit log.',
  'All administrators and the survivor’s caseworker see that you opened it, and why.',
  'Use it only when someone’s safety or a legal duty cannot wait for the caseworker.',
];

const timeOf = (iso: string): string => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

function BreakGlassDialog({
  open,
  onClose,
  survivorId,
}: {
  open: boolean;
  onClose: () => void;
  survivorId?: string;
}) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const refresh = useRefresh();
  const notify = useNotify();
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const reasonLength = reason.trim().length;
  const ready = reasonLength >= 10 && reasonLength <= 500 && password.length > 0;

  const close = (): void => {
    setReason('');
    setPassword('');
    onClose();
  };

  const submit = async (): Promise<void> => {
    if (!survivorId) throw new Error('This case does not name its survivor record; reload the page and try again.');
    const grant = await dataProvider.openBreakGlass({ survivorId, reason: reason.trim(), password });
    // The new rules (this survivor's file) come with the refreshed session; then the page reloads its data.
    await loadSession({ force: true });
    refresh();
    notify(`Emergency access is open until ${timeOf(grant.expiresAt)}. Everything you open is recorded.`, { type: 'warning' });
  };

  return (
    <FormDialog
      open={open}
      title="Emergency access"
      intro={
        <List dense disablePadding sx={{ mb: 2 }} aria-label="Rules of emergency access">
          {RULES.map((rule) => (
            <ListItem key={rule} disableGutters sx={{ alignItems: 'flex-start' }}>
              <ListItemIcon sx={{ minWidth: 32, mt: 0.5, color: 'warning.main' }}>
                <ReportIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText primary={rule} />
            </ListItem>
          ))}
        </List>
      }
      submitLabel="Open the file for 60 minutes"
      submitColor="warning"
      submitIcon={<LockOpenIcon />}
      ready={ready}
      onSubmit={submit}
      onClose={close}
      onError={() => setPassword('')}
    >
      {(fieldError) => (
        <>
          <TextField
            label="Why must the file be opened now?"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
            multiline
            minRows={2}
            fullWidth
            autoFocus
            error={Boolean(fieldError('reason'))}
            helperText={fieldError('reason') ?? `At least 10 characters (${reasonLength}/500)`}
            slotProps={{ htmlInput: { maxLength: 500 } }}
            sx={{ mb: 2 }}
          />
          <TextField
            label="Your password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
            fullWidth
            error={Boolean(fieldError('password'))}
            helperText={fieldError('password') ? `Password ${fieldError('password')}` : 'Entered again to confirm it is you'}
          />
        </>
      )}
    </FormDialog>
  );
}

/** The holder's own grant on this survivor that is still running, if any. */
export function useActiveGrant(survivorId: string | undefined): BreakGlassGrantResponse | undefined {
  const session = useSession();
  const can = useCan();
  const userId = session?.me.user.id;
  const { data } = useGetList<BreakGlassGrantResponse>(
    'break-glass-grants',
    { filter: { survivorId, userId }, sort: { field: 'grantedAt', order: 'DESC' }, pagination: { page: 1, perPage: 5 } },
    { enabled: Boolean(survivorId && userId && can('read', 'BreakGlassGrant')) },
  );
  return data?.find((grant) => grant.active && new Date(grant.expiresAt).getTime() > Date.now());
}

/**
 * For admins and coordinators: what they may see of this file, and the way to open it in an emergency.
 */
export function EmergencyAccess({
  survivorId,
  fileOpen,
  hiddenWhat = 'identifying details, the intake narrative and restricted notes',
}: {
  survivorId?: string;
  /** The full file is already readable (the assigned caseworker, or a grant). */
  fileOpen: boolean;
  hiddenWhat?: string;
}) {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const grant = useActiveGrant(survivorId);
  if (!can('create', 'BreakGlassGrant')) return null;

  if (grant) {
    return (
      <Alert severity="warning" icon={<LockOpenIcon />} data-testid="break-glass-active">
        <AlertTitle>Emergency access open until {timeOf(grant.expiresAt)}</AlertTitle>
        Reason: {grant.reason}. Everything you open is recorded and shown to all administrators and the caseworker.
      </Alert>
    );
  }
  if (fileOpen) return null;
  return (
    <>
      <Alert
        severity="info"
        variant="outlined"
        action={
          <Button color="warning" variant="outlined" size="small" startIcon={<LockOpenIcon />} onClick={() => setOpen(true)} sx={{ whiteSpace: 'nowrap' }}>
            Emergency access
          </Button>
        }
      >
        <Box component="span">Your role does not show {hiddenWhat}. In an emergency you may open this survivor’s full file for 60 minutes, for a stated reason.</Box>
      </Alert>
      <BreakGlassDialog open={open} onClose={() => setOpen(false)} survivorId={survivorId} />
    </>
  );
}
