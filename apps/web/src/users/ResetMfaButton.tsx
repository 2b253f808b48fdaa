import LockResetIcon from '@mui/icons-material/LockReset';
import { useState } from 'react';
import { Button, Confirm, useNotify, useRecordContext, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import { useCan } from '../common/use-can';
import { api, toApiError } from '../providers/http';
import { useSession } from '../providers/session';

interface UserRecord extends RaRecord {
  displayName?: string;
  mfaEnabled?: boolean;
}

/**
 * An admin turns off another user's second factor (a lost phone). The API asks for the admin's password
 * again when the last one is older than 5 minutes (the step-up dialog opens by itself) and audits it.
 */
export function ResetMfaButton() {
  const record = useRecordContext<UserRecord>();
  const session = useSession();
  const can = useCan();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);

  if (!record?.mfaEnabled || record.id === session?.me.user.id || !can('update', 'User', record)) return null;
  const name = record.displayName ?? translate('lantern.common.aColleague');

  const reset = async (): Promise<void> => {
    setPending(true);
    try {
      await api(`/users/${encodeURIComponent(String(record.id))}/mfa/reset`, { method: 'POST' });
      notify('lantern.mfa.resetDone', { type: 'success', messageArgs: { name } });
      refresh();
    } catch (error) {
      notify(toApiError(error).message, { type: 'error' });
    } finally {
      setPending(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button label={translate('lantern.mfa.reset')} onClick={() => setOpen(true)} color="warning" disabled={pending}>
        <LockResetIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={pending}
        title={translate('lantern.mfa.resetTitle', { name })}
        content={translate('lantern.mfa.resetWarning')}
        confirm={translate('lantern.mfa.reset')}
        confirmColor="warning"
        onConfirm={() => void reset()}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
