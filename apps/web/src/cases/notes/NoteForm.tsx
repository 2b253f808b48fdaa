import LockIcon from '@mui/icons-material/Lock';
import type { CaseNoteResponse, ContactMethod, NoteType } from '@lantern/contracts';
import { Alert, Box, Button, Checkbox, FormControlLabel, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { FormError, useFormSubmit } from '../../common/FormDialog';
import { useUnsavedWork } from '../../layout/unsaved-work';
import { toApiError } from '../../providers/http';
import { AutosaveStatus } from '../intake/AutosaveStatus';
import { toLocalInput, useNoteDraft, type NoteDraftValues } from './use-note-draft';
import { CONTACT_METHOD_CHOICES, formatDateTime, formatNumber, NOTE_TYPE_CHOICES } from '../../common/labels';
import { vocabLabel } from '../../i18n/vocabulary';

export const NOTE_MAX = 20_000;

/** A value for <input type="datetime-local"> in the browser's time zone. */
function localNow(): string {
  const now = new Date();
  now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
  return now.toISOString().slice(0, 16);
}

/**
 * A new note, or a correction of one: notes are never edited or deleted, so a correction is a new
 * note linked to the one it corrects. A new note is drafted on the server while it is written
 * (use-note-draft.ts): the form opens on its author's draft, if she has one on this case.
 */
export function NoteForm({ caseId, corrects, onDone }: { caseId: string; corrects?: CaseNoteResponse; onDone: () => void }) {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [noteType, setNoteType] = useState<NoteType>(corrects?.noteType ?? 'contact');
  const [contactMethod, setContactMethod] = useState<ContactMethod>(corrects?.contactMethod ?? 'in_person');
  const [occurredAt, setOccurredAt] = useState(corrects ? toLocalInput(corrects.occurredAt) : localNow());
  const [body, setBody] = useState('');
  const [restricted, setRestricted] = useState(corrects?.restricted ?? false);
  const inFuture = Boolean(occurredAt) && new Date(occurredAt).getTime() > Date.now() + 60_000;
  const ready = body.trim().length > 0 && body.length <= NOTE_MAX && Boolean(occurredAt) && !inFuture;
  // A correction is written in one sitting and kept in memory only; a new note has a draft.
  const drafting = !corrects;
  const values: NoteDraftValues = { noteType, contactMethod, occurredAt, restricted, body };
  const draft = useNoteDraft({
    caseId,
    enabled: drafting,
    values,
    onLoaded: (restored) => {
      setNoteType(restored.noteType);
      setContactMethod(restored.contactMethod);
      setOccurredAt(restored.occurredAt);
      setRestricted(restored.restricted);
      setBody(restored.body);
    },
  });
  const [discarding, setDiscarding] = useState(false);

  const save = async (): Promise<void> => {
    // No draft save may land after the note: the API removes the draft with the note it became.
    if (drafting) await draft.finish();
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
    }).catch((caught: unknown) => {
      draft.resume();
      throw caught;
    });
    draft.noteSaved();
    notify(corrects ? 'lantern.notes.correctionAdded' : 'lantern.notes.added', { type: 'success' });
    setBody('');
    refresh();
  };
  const { busy, error, fieldError, submit } = useFormSubmit({ ready, onSubmit: save, onDone });

  // A new note's draft is saved like an intake draft: by the idle warning when asked, and before the
  // session ends (layout/unsaved-work.ts). A correction has no draft: it is final once saved, so the
  // idle warning saves it only when the person asks, never on its own.
  useUnsavedWork(
    drafting
      ? draft.dirty && !busy && !discarding
        ? {
            label: 'lantern.unsaved.note',
            saveAtEnd: true,
            save: async () => {
              if (!(await draft.autosave.flush())) throw new Error(translate('lantern.autosave.notSaved'));
            },
          }
        : null
      : body.trim() && !busy
      ? {
          label: 'lantern.unsaved.note',
          saveAtEnd: false,
          save: async () => {
            if (!ready) throw new Error(translate('lantern.autosave.notSaved'));
            await save();
            onDone();
          },
        }
      : null,
  );

  /** Closing keeps the draft: what is not saved yet is sent first, and the form stays open if it cannot be. */
  const close = async (): Promise<void> => {
    if (drafting && draft.dirty && !(await draft.autosave.flush())) return;
    onDone();
  };
  const discard = async (): Promise<void> => {
    setDiscarding(true);
    try {
      await draft.discard();
      notify('lantern.notes.draftDiscarded', { type: 'info' });
      onDone();
    } catch (caught) {
      notify(toApiError(caught).message, { type: 'error' });
    } finally {
      setDiscarding(false);
    }
  };

  return (
    <Paper variant="outlined" component="form" onSubmit={submit} noValidate sx={{ p: 2 }} aria-label={translate(corrects ? 'lantern.notes.correctTitle' : 'lantern.notes.addTitle')}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1.5 }}>
        {translate(corrects ? 'lantern.notes.correctTitle' : 'lantern.notes.new')}
      </Typography>
      {corrects && (
        <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
          {translate('lantern.notes.correcting', {
            type: vocabLabel('noteType', corrects.noteType).toLocaleLowerCase(),
            when: formatDateTime(corrects.occurredAt),
          })}
        </Alert>
      )}
      {drafting && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {translate('lantern.notes.draftNote')}
        </Typography>
      )}
      <FormError error={error} />
      {draft.problem && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {draft.problem}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, mb: 2 }}>
        <TextField
          select
          label={translate('resources.case-notes.fields.noteType')} value={noteType} onChange={(event) => setNoteType(event.target.value as NoteType)} error={Boolean(fieldError('noteType'))} helperText={fieldError('noteType')}>
          {NOTE_TYPE_CHOICES.map((choice) => (
            <MenuItem key={choice.id} value={choice.id}>
              {translate(choice.name)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label={translate('resources.case-notes.fields.contactMethod')} value={contactMethod} onChange={(event) => setContactMethod(event.target.value as ContactMethod)} error={Boolean(fieldError('contactMethod'))} helperText={fieldError('contactMethod')}>
          {CONTACT_METHOD_CHOICES.map((choice) => (
            <MenuItem key={choice.id} value={choice.id}>
              {translate(choice.name)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={translate('resources.case-notes.fields.occurredAt')}
          type="datetime-local"
          value={occurredAt}
          onChange={(event) => setOccurredAt(event.target.value)}
          error={inFuture || Boolean(fieldError('occurredAt'))}
          helperText={inFuture ? translate('lantern.common.notInFuture') : fieldError('occurredAt')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Box>
      <TextField
        label={translate('resources.case-notes.fields.body')}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        multiline
        minRows={4}
        maxRows={20}
        fullWidth
        required
        disabled={!draft.loaded}
        error={body.length > NOTE_MAX || Boolean(fieldError('body'))}
        helperText={fieldError('body') ?? `${formatNumber(body.length)} / ${formatNumber(NOTE_MAX)}`}
        autoComplete="off"
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 1, alignItems: { sm: 'center' } }}>
        <FormControlLabel
          control={<Checkbox checked={restricted} onChange={(event) => setRestricted(event.target.checked)} />}
          label={
            <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <LockIcon sx={{ fontSize: 16 }} />
              <span>{translate('lantern.notes.restrictedLabel')}</span>
            </Stack>
          }
        />
        <Box sx={{ flex: 1 }} />
        {drafting && <AutosaveStatus status={draft.autosave.status} savedAt={draft.autosave.savedAt} />}
        {drafting && (draft.hasDraft || body.trim().length > 0) && (
          <Button onClick={() => void discard()} color="inherit" disabled={busy || discarding}>
            {translate('lantern.notes.discardDraft')}
          </Button>
        )}
        <Button onClick={() => void close()} color="inherit" disabled={busy || discarding}>
          {translate('ra.action.cancel')}
        </Button>
        <Button type="submit" variant="contained" disabled={!ready || busy}>
          {translate(corrects ? 'lantern.notes.saveCorrection' : 'lantern.notes.save')}
        </Button>
      </Stack>
    </Paper>
  );
}
