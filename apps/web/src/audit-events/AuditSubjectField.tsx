import { Typography } from '@mui/material';
import { ReferenceField, useRecordContext } from 'react-admin';
import { AUDIT_SUBJECTS } from '../common/choices';

/** The record an event is about: its name when Lantern can show it, else its type and a short id. */
export function AuditSubjectField(_props: { label?: string; source?: string }) {
  const event = useRecordContext<{ subjectType?: string | null; subjectId?: string | null }>();
  if (!event?.subjectType) return null;
  const subject = AUDIT_SUBJECTS.find((candidate) => candidate.id === event.subjectType);
  const typeName = subject?.name ?? event.subjectType;
  return (
    <span>
      <Typography component="span" variant="body2" color="text.secondary">
        {typeName}
      </Typography>
      {event.subjectId && subject?.resource ? (
        <>
          {' · '}
          <ReferenceField source="subjectId" reference={subject.resource} link="show" emptyText={event.subjectId.slice(0, 8)} />
        </>
      ) : event.subjectId ? (
        <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace' }}>
          {' '}
          {event.subjectId.slice(0, 8)}
        </Typography>
      ) : null}
    </span>
  );
}
