import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import type { CaseResponse, UserResponse } from '@lantern/contracts';
import { Button, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRefresh } from 'react-admin';
import { ReasonDialog } from '../../common/ReasonDialog';
import type { LanternDataProvider } from '../../providers/data-provider';

/** Coordinators: hand the case to another caseworker; who, when and why is kept. */
export function ReassignButton({ record }: { record: CaseResponse }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const refresh = useRefresh();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [caseworkerId, setCaseworkerId] = useState('');
  const { data: caseworkers = [], isPending } = useGetList<UserResponse>(
    'users',
    { filter: { role: 'caseworker', active: true }, sort: { field: 'displayName', order: 'ASC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: open },
  );
  const choices = caseworkers.filter((user) => user.id !== record.assignedCaseworkerId);

  const confirm = async (reason: string | undefined): Promise<void> => {
    if (!caseworkerId) throw new Error('Choose a caseworker.');
    await dataProvider.assignCase(record.id, { caseworkerId, reason, version: record.version });
    const name = caseworkers.find((user) => user.id === caseworkerId)?.displayName ?? 'the new caseworker';
    notify(`The case is now assigned to ${name}.`, { type: 'success' });
    setCaseworkerId('');
    refresh();
  };

  return (
    <>
      <Button size="small" variant="outlined" startIcon={<SwapHorizIcon />} onClick={() => setOpen(true)}>
        {record.assignedCaseworkerId ? 'Reassign' : 'Assign'}
      </Button>
      <ReasonDialog
        open={open}
        title={record.assignedCaseworkerId ? `Reassign ${record.caseNumber}` : `Assign ${record.caseNumber}`}
        description="The new caseworker sees the whole file from now on; the previous one no longer does (except notes they wrote)."
        confirmLabel={record.assignedCaseworkerId ? 'Reassign' : 'Assign'}
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
          label="New caseworker"
          value={caseworkerId}
          onChange={(event) => setCaseworkerId(event.target.value)}
          fullWidth
          required
          disabled={isPending}
          helperText={isPending ? 'Loading caseworkers…' : choices.length === 0 ? 'No other active caseworker' : ' '}
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
