import AddIcon from '@mui/icons-material/Add';
import EditNoteIcon from '@mui/icons-material/EditNote';
import LockIcon from '@mui/icons-material/Lock';
import type { CaseNoteResponse, CaseResponse } from '@lantern/contracts';
import { Alert, Box, Button, Chip, Pagination, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetList, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../../common/labels';
import { vocabLabel } from '../../i18n/vocabulary';
import { StaffName } from '../../common/StaffName';
import { toApiError } from '../../providers/http';
import { useCaseAccess } from '../case-access';
import { NoteForm } from './NoteForm';

const PER_PAGE = 20;

function NoteCard({
  note,
  byId,
  canCorrect,
  onCorrect,
}: {
  note: CaseNoteResponse;
  byId: Map<string, CaseNoteResponse>;
  canCorrect: boolean;
  onCorrect: (note: CaseNoteResponse) => void;
}) {
  const translate = useTranslate();
  const corrected = Boolean(note.correctedByNoteId);
  const original = note.correctsNoteId ? byId.get(note.correctsNoteId) : undefined;
  return (
    <Paper
      variant="outlined"
      component="article"
      aria-label={translate('lantern.notes.cardLabel', { type: vocabLabel('noteType', note.noteType), when: formatDateTime(note.occurredAt) })}
      sx={{ p: 2, borderLeft: 4, borderLeftColor: corrected ? 'grey.400' : note.restricted ? 'warning.main' : 'primary.main', opacity: corrected ? 0.8 : 1 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }} useFlexGap>
        <Typography variant="subtitle2" component="h3">
          {vocabLabel('noteType', note.noteType)}
        </Typography>
        <Chip size="small" variant="outlined" label={vocabLabel('contactMethod', note.contactMethod)} />
        {note.restricted && <Chip size="small" color="warning" icon={<LockIcon />} label={translate('resources.case-notes.fields.restricted')} />}
        {corrected && <Chip size="small" label={translate('lantern.notes.corrected')} />}
        {note.correctsNoteId && (
          <Chip size="small" color="info" variant="outlined" label={
              original
                ? translate('lantern.notes.correctionOf', { when: formatDateTime(original.occurredAt) })
                : translate('lantern.notes.correctionOfEarlier')
            }
          />
        )}
        <Box sx={{ flex: 1 }} />
        <Typography variant="body2" color="text.secondary">
          {formatDateTime(note.occurredAt)} · <StaffName userId={note.authorId} />
        </Typography>
      </Stack>
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', textDecoration: corrected ? 'none' : undefined }}>
        {note.body ?? '—'}
      </Typography>
      {canCorrect && !corrected && (
        <Box sx={{ mt: 1, textAlign: 'right' }}>
          <Button size="small" startIcon={<EditNoteIcon />} onClick={() => onCorrect(note)}>
            {translate('lantern.notes.correct')}
          </Button>
        </Box>
      )}
    </Paper>
  );
}

/** Contact and session notes, newest first. Never edited or deleted: corrections are new, linked notes. */
export function NotesTab() {
  const record = useRecordContext<CaseResponse>();
  const access = useCaseAccess(record);
  const translate = useTranslate();
  const [page, setPage] = useState(1);
  const [writing, setWriting] = useState(false);
  const [correcting, setCorrecting] = useState<CaseNoteResponse | null>(null);
  const caseId = record?.id ?? '';
  const { data: notes = [], total = 0, isPending, error } = useGetList<CaseNoteResponse>(
    'case-notes',
    { filter: { caseId }, sort: { field: 'occurredAt', order: 'DESC' }, pagination: { page, perPage: PER_PAGE } },
    { enabled: Boolean(caseId) },
  );
  if (!record) return null;
  const byId = new Map(notes.map((note) => [note.id, note]));
  const pages = Math.ceil(total / PER_PAGE);

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {isPending ? '' : translate('lantern.notes.count', { smart_count: total })}
          {access.role === 'coordinator' ? ` · ${translate('lantern.notes.coordinatorHidden')}` : ''}
        </Typography>
        {access.notes.create && !writing && !correcting && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setWriting(true)}>
            {translate('lantern.notes.add')}
          </Button>
        )}
      </Stack>
      {writing && <NoteForm caseId={caseId} onDone={() => setWriting(false)} />}
      {correcting && <NoteForm key={correcting.id} caseId={caseId} corrects={correcting} onDone={() => setCorrecting(null)} />}
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={120} />
      ) : notes.length === 0 ? (
        <Alert severity="info" variant="outlined">
          {translate('lantern.notes.empty')}
        </Alert>
      ) : (
        <Stack spacing={1.5} aria-label={translate('resources.case-notes.name', { smart_count: 2 })}>
          {notes.map((note) => (
            <NoteCard
              key={note.id}
              note={note}
              byId={byId}
              canCorrect={access.notes.create}
              onCorrect={(target) => {
                setWriting(false);
                setCorrecting(target);
                window.scrollTo({ top: 0, behavior: 'smooth' });
              }}
            />
          ))}
        </Stack>
      )}
      {pages > 1 && <Pagination count={pages} page={page} onChange={(_event, value) => setPage(value)} sx={{ alignSelf: 'center' }} />}
    </Stack>
  );
}
