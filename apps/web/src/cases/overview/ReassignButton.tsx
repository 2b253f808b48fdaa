import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import type { CaseResponse, UserResponse } from '@lantern/contracts';
import { Button, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ReasonDialog } from '../../common/ReasonDialog';
import type { LanternDataProvider } from '../../providers/data-provider';

/** Coordinators: hand the case to another caseworker; who, when and why is kept. */
export function ReassignButton({ record }: { record: CaseResponse }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const refresh = useRefresh();
  const notify = useNotify();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [caseworkerId, setCaseworkerId] = useState('');
  const { data: caseworkers = [], isPending } = useGetList<UserResponse>(
    'users',
    { filter: { role: 'caseworker', active: true }, sort: { field: 'displayName', order: 'ASC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: open },
  );
  const choices = caseworkers.filter((user) => user.id !== record.assignedCaseworkerId);

  const confirm = async (reason: string | undefined): Promise<void> => {
    if (!caseworkerId) throw new Error(translate('lantern.reassign.choose'));
    await dataProvider.assignCase(record.id, { caseworkerId, reason, version: record.version });
    const name = caseworkers.find((user) => user.id === caseworkerId)?.displayName ?? translate('lantern.reassign.theNew');
    notify('lantern.reassign.done', { type: 'success', messageArgs: { name } });
    setCaseworkerId('');
    refresh();
  };

  return (
    <>
      <Button size="small" variant="outlined" startIcon={<SwapHorizIcon />} onClick={() => setOpen(true)}>
        {translate(record.assignedCaseworkerId ? 'lantern.reassign.reassign' : 'lantern.reassign.assign')}
      </Button>
      <ReasonDialog
        open={open}
        title={translate(record.assignedCaseworkerId ? 'lantern.reassign.reassignTitle' : 'lantern.reassign.assignTitle', { caseNumber: record.caseNumber })}
        description={translate('lantern.reassign.text')}
        confirmLabel={translate(record.assignedCaseworkerId ? 'lantern.reassign.reassign' : 'lantern.reassign.assign')}
        required={false}
        confirmDisabled={!caseworkerId}
        onConfirm={confirm}
        onClose={() => {
          setOpen(false);
          setCaseworkerId('');
        }}
      >
        <TextField
          select
          label={translate('lantern.reassign.newCaseworker')}
          value={caseworkerId}
          onChange={(event) => setCaseworkerId(event.target.value)}
          fullWidth
          required
          disabled={isPending}
          helperText={isPending ? translate('lantern.reassign.loading') : choices.length === 0 ? translate('lantern.reassign.noOther') : ' '}
          sx={{ mb: 2 }}
        >
          {choices.map((user) => (
            <MenuItem key={user.id} value={user.id}>
              {user.displayName}
            </MenuItem>
          ))}
        </TextField>
      </ReasonDialog>
    </>
  );
}
