import AddCircleIcon from '@mui/icons-material/AddCircle';
import BlockIcon from '@mui/icons-material/Block';
import LinkIcon from '@mui/icons-material/Link';
import type { ContactResponse, DuplicateCheckResult, SurvivorResponse } from '@lantern/contracts';
import { Button, DialogContentText, MenuItem, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useCreatePath, useGetList, useNavigate, useNotify, useRefresh, useTranslate } from 'react-admin';
import { FormDialog } from '../common/FormDialog';
import { ReasonDialog } from '../common/ReasonDialog';
import { loadSession, useSession } from '../providers/session';
import { NewRecordCustomFields } from '../custom-fields/NewRecordCustomFields';
import { useLabelText } from '../custom-fields/custom-value-text';
import { useNewRecordCustom } from '../custom-fields/use-new-record-custom';
import { DuplicateMatches } from '../survivors/DuplicateMatches';
import { contactsApi } from './contacts-api';

type Open = 'link' | 'convert' | 'void' | null;

/** "Link to survivor": a survivor this person may read, found by alias. */
function LinkDialog({ contact, onClose }: { contact: ContactResponse; onClose: () => void }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const [q, setQ] = useState('');
  const [survivorId, setSurvivorId] = useState('');
  const { data: survivors = [] } = useGetList<SurvivorResponse>('survivors', {
    filter: q.trim() ? { q: q.trim() } : {},
    sort: { field: 'alias', order: 'ASC' },
    pagination: { page: 1, perPage: 25 },
  });
  return (
    <FormDialog
      title={translate('lantern.contacts.link.title')}
      intro={<DialogContentText sx={{ mb: 2 }}>{translate('lantern.contacts.link.intro')}</DialogContentText>}
      submitLabel={translate('lantern.contacts.link.confirm')}
      ready={Boolean(survivorId)}
      onSubmit={async () => {
        await contactsApi.link(contact.id, contact.version, survivorId);
        refresh();
      }}
      onClose={onClose}
    >
      {(fieldError) => (
        <>
          <TextField label={translate('lantern.contacts.link.search')} value={q} onChange={(e) => setQ(e.target.value)} fullWidth margin="dense" autoComplete="off" />
          <TextField
            select
            label={translate('lantern.contacts.link.survivor')}
            value={survivorId}
            onChange={(e) => setSurvivorId(e.target.value)}
            error={Boolean(fieldError('survivorId'))}
            helperText={fieldError('survivorId') ?? (survivors.length === 0 ? translate('lantern.contacts.link.noneFound') : undefined)}
            fullWidth
            margin="dense"
          >
            {survivors.map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {s.alias}
              </MenuItem>
            ))}
          </TextField>
        </>
      )}
    </FormDialog>
  );
}

/** "Open a case": a new survivor, case and intake draft in one step; then the intake draft opens. */
function ConvertDialog({ contact, onClose }: { contact: ContactResponse; onClose: () => void }) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const notify = useNotify();
  const createPath = useCreatePath();
  const [alias, setAlias] = useState('');
  // Issue 18: the survivor form's own fields her role may write, as "New survivor record" asks them.
  const custom = useNewRecordCustom('survivor');
  const labelText = useLabelText();
  // Issue 17: before anything is saved, the likely duplicates of the person this contact would become.
  const [duplicates, setDuplicates] = useState<DuplicateCheckResult | null>(null);
  const [checkFailed, setCheckFailed] = useState(false);
  useEffect(() => {
    let live = true;
    contactsApi
      .duplicates(contact.id)
      .then((found) => live && setDuplicates(found))
      .catch(() => live && setCheckFailed(true));
    return () => {
      live = false;
    };
  }, [contact.id]);
  return (
    <FormDialog
      title={translate('lantern.contacts.convert.title')}
      intro={<DialogContentText sx={{ mb: 2 }}>{translate('lantern.contacts.convert.intro')}</DialogContentText>}
      submitLabel={translate('lantern.contacts.convert.confirm')}
      ready
      // A refusal of her custom values names them by their labels (by key a field the form does not offer her).
      messageOf={(error) => {
        const keys = Object.keys(error.body.fieldErrors).filter((path) => path.startsWith('custom.')).map((path) => path.slice('custom.'.length));
        if (keys.length === 0) return error.message;
        const labels = keys.map((key) => {
          const field = custom.fields.find((f) => f.key === key);
          return field ? labelText(field.label) : key;
        });
        return translate('lantern.contacts.convert.customRefused', { fields: labels.join(', ') });
      }}
      onSubmit={async () => {
        const done = await contactsApi.convert(contact.id, contact.version, alias.trim() || undefined, custom.body());
        // The caseworker's rules (her caseload) now include this case: fetch them before opening it.
        await loadSession({ force: true }).catch(() => undefined);
        notify('lantern.newIntake.opened', { type: 'success', messageArgs: { caseNumber: done.caseNumber } });
        navigate(`${createPath({ resource: 'cases', type: 'show', id: done.caseId })}/intake`);
      }}
      onClose={onClose}
    >
      {(fieldError) => (
        <>
          <DuplicateMatches result={duplicates} failed={checkFailed} />
          <TextField
            label={translate('lantern.contacts.convert.alias')}
            value={alias}
            onChange={(e) => setAlias(e.target.value)}
            error={Boolean(fieldError('alias'))}
            helperText={fieldError('alias') ?? translate('lantern.contacts.convert.aliasHelp')}
            slotProps={{ htmlInput: { maxLength: 80 } }}
            fullWidth
            margin="dense"
            autoComplete="off"
          />
          <NewRecordCustomFields custom={custom} fieldError={fieldError} />
        </>
      )}
    </FormDialog>
  );
}

/** The contact's ways on: link it to a survivor, open a case from it (caseworkers), or void it. */
export function ContactActions({ contact }: { contact: ContactResponse }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const role = useSession()?.me.user.role;
  const [open, setOpen] = useState<Open>(null);
  if (contact.voidedAt) return null;
  const unlinked = !contact.survivorId;
  return (
    <>
      {unlinked && (
        <Button size="small" startIcon={<LinkIcon />} onClick={() => setOpen('link')}>
          {translate('lantern.contacts.link.button')}
        </Button>
      )}
      {unlinked && role === 'caseworker' && (
        <Button size="small" variant="contained" startIcon={<AddCircleIcon />} onClick={() => setOpen('convert')}>
          {translate('lantern.contacts.convert.button')}
        </Button>
      )}
      <Button size="small" color="inherit" startIcon={<BlockIcon />} onClick={() => setOpen('void')}>
        {translate('lantern.contacts.void.button')}
      </Button>
      {open === 'link' && <LinkDialog contact={contact} onClose={() => setOpen(null)} />}
      {open === 'convert' && <ConvertDialog contact={contact} onClose={() => setOpen(null)} />}
      <ReasonDialog
        open={open === 'void'}
        title={translate('lantern.contacts.void.title')}
        confirmLabel={translate('lantern.contacts.void.confirm')}
        confirmColor="error"
        required
        onConfirm={async (reason) => {
          await contactsApi.void(contact.id, contact.version, reason ?? '');
          refresh();
        }}
        onClose={() => setOpen(null)}
      />
    </>
  );
}
