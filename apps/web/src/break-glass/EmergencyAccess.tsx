import LockOpenIcon from '@mui/icons-material/LockOpen';
import ReportIcon from '@mui/icons-material/Report';
import type { BreakGlassGrantResponse } from '@lantern/contracts';
import { Alert, AlertTitle, Box, Button, List, ListItem, ListItemIcon, ListItemText, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRefresh, useTranslate } from 'react-admin';
import { FormDialog } from '../common/FormDialog';
import { useCan } from '../common/use-can';
import { formatTime } from '../i18n/format';
import type { LanternDataProvider } from '../providers/data-provider';
import { loadSession, useSession } from '../providers/session';

/** The rules, as lantern.breakGlass.rules.<n> in the catalogues. */
const RULES = ['1', '2', '3', '4'];

const timeOf = (iso: string): string => formatTime(iso);

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
  const translate = useTranslate();
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
    if (!survivorId) throw new Error(translate('lantern.breakGlass.noSurvivor'));
    const grant = await dataProvider.openBreakGlass({ survivorId, reason: reason.trim(), password });
    // The new rules (this survivor's file) come with the refreshed session; then the page reloads its data.
    await loadSession({ force: true });
    refresh();
    notify('lantern.breakGlass.opened', { type: 'warning', messageArgs: { time: timeOf(grant.expiresAt) } });
  };

  return (
    <FormDialog
      open={open}
      title={translate('lantern.history.emergencyAccess')}
      intro={
        <List dense disablePadding sx={{ mb: 2 }} aria-label={translate('lantern.breakGlass.rulesLabel')}>
          {RULES.map((rule) => (
            <ListItem key={rule} disableGutters sx={{ alignItems: 'flex-start' }}>
              <ListItemIcon sx={{ minWidth: 32, mt: 0.5, color: 'warning.main' }}>
                <ReportIcon fontSize="small" />
              </ListItemIcon>
              <ListItemText primary={translate(`lantern.breakGlass.rules.${rule}`)} />
            </ListItem>
          ))}
        </List>
      }
      submitLabel={translate('lantern.breakGlass.submit')}
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
            label={translate('lantern.breakGlass.why')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
            multiline
            minRows={2}
            fullWidth
            autoFocus
            error={Boolean(fieldError('reason'))}
            helperText={fieldError('reason') ?? translate('lantern.common.atLeast', { min: 10, length: reasonLength, max: 500 })}
            slotProps={{ htmlInput: { maxLength: 500 } }}
            sx={{ mb: 2 }}
          />
          <TextField
            label={translate('lantern.stepUp.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
            fullWidth
            error={Boolean(fieldError('password'))}
            helperText={
              fieldError('password')
                ? translate('lantern.breakGlass.passwordError', { message: fieldError('password') })
                : translate('lantern.breakGlass.passwordHelp')
            }
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
  hiddenWhat,
}: {
  survivorId?: string;
  /** The full file is already readable (the assigned caseworker, or a grant). */
  fileOpen: boolean;
  hiddenWhat?: string;
}) {
  const can = useCan();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const grant = useActiveGrant(survivorId);
  if (!can('create', 'BreakGlassGrant')) return null;

  if (grant) {
    return (
      <Alert severity="warning" icon={<LockOpenIcon />} data-testid="break-glass-active">
        <AlertTitle>{translate('lantern.breakGlass.openUntil', { time: timeOf(grant.expiresAt) })}</AlertTitle>
        {translate('lantern.breakGlass.activeText', { reason: grant.reason })}
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
            {translate('lantern.history.emergencyAccess')}
          </Button>
        }
      >
        <Box component="span">
          {translate('lantern.breakGlass.roleHides', { what: hiddenWhat ?? translate('lantern.breakGlass.hiddenDefault') })}
        </Box>
      </Alert>
      <BreakGlassDialog open={open} onClose={() => setOpen(false)} survivorId={survivorId} />
    </>
  );
}
