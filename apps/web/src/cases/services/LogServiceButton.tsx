import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd';
import type { CaseloadEntry } from '@lantern/contracts';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useCan } from '../../common/use-can';
import { ServiceForm } from './ServiceForm';

/**
 * The caseworker's quick entry on her dashboard (issue 16): "Log a service" on one of her open cases
 * without opening the case. The cases are those of her caseload (number and alias).
 */
export function LogServiceButton({ entries }: { entries: CaseloadEntry[] }) {
  const translate = useTranslate();
  const notify = useNotify();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const cases = entries.filter((entry) => entry.status !== 'closed');
  if (cases.length === 0 || !can('create', 'ServiceDelivery')) return null;
  return (
    <>
      <Button variant="outlined" startIcon={<PlaylistAddIcon />} onClick={() => setOpen(true)}>
        {translate('lantern.services.add')}
      </Button>
      {open && (
        <ServiceForm
          mode="staff"
          caseChoices={cases.map((entry) => ({ id: entry.caseId, label: [entry.caseNumber, entry.survivorAlias].filter(Boolean).join(' · ') }))}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            notify('lantern.services.saved', { type: 'success' });
          }}
        />
      )}
    </>
  );
}
