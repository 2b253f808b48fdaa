import { Typography } from '@mui/material';
import { Link, useCreatePath, useRecordContext } from 'react-admin';
import { AUDIT_SUBJECTS } from '../common/choices';

/** The record an event is about: its name when Lantern can show it, else its type and a short id. */
export function AuditSubjectField(_props: { label?: string; source?: string }) {
  const event = useRecordContext<{ subjectType?: string | null; subjectId?: string | null; subjectLabel?: string | null }>();
  const createPath = useCreatePath();
  if (!event?.subjectType) return null;
  const subject = AUDIT_SUBJECTS.find((candidate) => candidate.id === event.subjectType);
  const typeName = subject?.name ?? event.subjectType;
  // By name (issue 13): a person's name, a partner's, or the case number of a survivor-file record; the
  // id's first characters only when the API has no name to give (another organization's, or deleted).
  const name = event.subjectLabel ?? (event.subjectId ? event.subjectId.slice(0, 8) : null);
  return (
    <span>
      <Typography component="span" variant="body2" color="text.secondary">
        {typeName}
      </Typography>
      {name ? (
        <Typography component="span" variant="body2" sx={event.subjectLabel ? undefined : { fontFamily: 'monospace' }}>
          {' · '}
          {subject?.resource && event.subjectId && event.subjectLabel ? (
            <Link to={createPath({ resource: subject.resource, id: event.subjectId, type: 'show' })} onClick={(e: { stopPropagation(): void }) => e.stopPropagation()}>
              {name}
            </Link>
          ) : (
            name
          )}
        </Typography>
      ) : null}
    </span>
  );
}
