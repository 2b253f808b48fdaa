import LockIcon from '@mui/icons-material/Lock';
import type { CaseNoteResponse, ContactMethod, NoteType } from '@lantern/contracts';
import { Alert, Box, Button, Checkbox, FormControlLabel, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
import { FormError, useFormSubmit } from '../../common/FormDialog';
import { CONTACT_METHOD_CHOICES, formatDateTime, humanize, NOTE_TYPE_CHOICES } from '../../common/labels';

export const NOTE_MAX = 20_000;

/** A value for <input type="datetime-local"> in the browser's time zone. */
function localNow(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

function toLocalInput(iso: string): string {
  const date = new Date(iso);
  date.setMinutes(date.getMinutes() - date.getTimezoneOffset());
  return date.toISOString().slice(0, 16);
}

/**
 * A new note, or a correction of one: notes are never edited or deleted, so a correction is a new
 * note linked to the one it corrects.
 */
export function NoteForm({ caseId, corrects, onDone }: { caseId: string; corrects?: CaseNoteResponse; onDone: () => void }) {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [noteType, setNoteType] = useState<NoteType>(corrects?.noteType ?? 'contact');
  const [contactMethod, setContactMethod] = useState<ContactMethod>(corrects?.contactMethod ?? 'in_person');
  const [occurredAt, setOccurredAt] = useState(corrects ? toLocalInput(corrects.occurredAt) : localNow());
  const [body, setBody] = useState('');
  const [restricted, setRestricted] = useState(corrects?.restricted ?? false);
  const inFuture = Boolean(occurredAt) && new Date(occurredAt).getTime() > Date.now() + 60_000;
  const ready = body.trim().length > 0 && body.length <= NOTE_MAX && Boolean(occurredAt) && !inFuture;

  const save = async (): Promise<void> => {
    await dataProvider.create('case-notes', {
      data: {
        caseId,
        noteType,
        contactMethod,
        body,
        restricted,
        occurredAt: new Date(occurredAt).toISOString(),
        ...(corrects ? { correctsNoteId: corrects.id } : {}),
      },
    });
    notify(corrects ? 'Correction added. The original note is kept and marked as corrected.' : 'Note added.', { type: 'success' });
    setBody('');
    refresh();
  };
  const { busy, error, fieldError, submit } = useFormSubmit({ ready, onSubmit: save, onDone });

  return (
    <Paper variant="outlined" component="form" onSubmit={submit} noValidate sx={{ p: 2 }} aria-label={corrects ? 'Correct a note' : 'Add a note'}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1.5 }}>
        {corrects ? 'Correct a note' : 'New note'}
      </Typography>
      {corrects && (
        <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
          Correcting the {humanize(corrects.noteType).toLowerCase()} note of {formatDateTime(corrects.occurredAt)}. Write the corrected account in full; the
          original stays in the file, marked as corrected.
        </Alert>
      )}
      <FormError error={error} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, mb: 2 }}>
        <TextField select label="Type of note" value={noteType} onChange={(event) => setNoteType(event.target.value as NoteType)} error={Boolean(fieldError('noteType'))} helperText={fieldError('noteType')}>
          {NOTE_TYPE_CHOICES.map((choice) => (
            <MenuItem key={choice.id} value={choice.id}>
              {choice.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField select label="Contact" value={contactMethod} onChange={(event) => setContactMethod(event.target.value as ContactMethod)} error={Boolean(fieldError('contactMethod'))} helperText={fieldError('contactMethod')}>
          {CONTACT_METHOD_CHOICES.map((choice) => (
            <MenuItem key={choice.id} value={choice.id}>
              {choice.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label="When it happened"
          type="datetime-local"
          value={occurredAt}
          onChange={(event) => setOccurredAt(event.target.value)}
          error={inFuture || Boolean(fieldError('occurredAt'))}
          helperText={inFuture ? 'Cannot be in the future' : fieldError('occurredAt')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Box>
      <TextField
        label="Note"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        multiline
        minRows={4}
        maxRows={20}
        fullWidth
        required
        error={body.length > NOTE_MAX || Boolean(fieldError('body'))}
        helperText={fieldError('body') ?? `${body.length.toLocaleString()} / ${NOTE_MAX.toLocaleString()}`}
        autoComplete="off"
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1, alignItems: { sm: 'center' } }}>
        <FormControlLabel
          control={<Checkbox checked={restricted} onChange={(event) => setRestricted(event.target.checked)} />}
          label={
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <LockIcon sx={{ fontSize: 16 }} />
              <span>Restricted: only I and the assigned caseworker can read it</span>
            </Stack>
          }
        />
        <Box sx={{ flex: 1 }} />
        <Button onClick={onDone} color="inherit" disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={!ready || busy}>
          {corrects ? 'Save correction' : 'Save note'}
        </Button>
      </Stack>
    </Paper>
  );
}
