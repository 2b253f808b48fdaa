import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import type { SubjectType } from '@lantern/permissions';
import { useState } from 'react';
import { Button, Confirm, useNotify, useRecordContext, useRefresh, useResourceContext, useTranslate, useUpdate, type RaRecord } from 'react-admin';
import { toApiError } from '../providers/http';
import { useCan } from './use-can';

interface ActiveRecord extends RaRecord {
  active: boolean;
  version: number;
}

/** Deactivate (or reactivate) a record: an edit of `active`, confirmed first, shown only when allowed. */
export function ActiveToggleButton({
  subject,
  name,
  deactivateWarning,
  hidden,
}: {
  subject: SubjectType;
  /** How the record is called in the confirmation. */
  name: (record: RaRecord) => string;
  deactivateWarning: string;
  /** Records this button must not offer (one's own account). */
  hidden?: (record: ActiveRecord) => boolean;
}) {
  const record = useRecordContext<ActiveRecord>();
  const resource = useResourceContext();
  const can = useCan();
  const notify = useNotify();
  const translate = useTranslate();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [update, { isPending }] = useUpdate<ActiveRecord>();

  if (!record || !resource || hidden?.(record) || !can('update', subject, record, 'active')) return null;
  const activate = !record.active;
  const label = translate(activate ? 'lantern.common.reactivate' : 'lantern.common.deactivate');

  const confirm = (): void => {
    void update(
      resource,
      { id: record.id, data: { active: activate }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          // The record's history (audit log) changed too.
          refresh();
          notify(activate ? 'lantern.common.reactivated' : 'lantern.common.deactivated', { type: 'success', messageArgs: { name: name(record) } });
        },
        onError: (error) => {
          setOpen(false);
          notify(toApiError(error).message, { type: 'error' });
        },
      },
    );
  };

  return (
    <>
      <Button
        label={label}
        onClick={() => setOpen(true)}
        color={activate ? 'primary' : 'error'}
        disabled={isPending}
      >
        {activate ? <CheckCircleIcon /> : <BlockIcon />}
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title={translate('lantern.common.toggleTitle', { action: label, name: name(record) })}
        content={activate ? 'lantern.common.availableAgain' : deactivateWarning}
        confirm={label}
        confirmColor={activate ? 'primary' : 'warning'}
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
