import EditIcon from '@mui/icons-material/Edit';
import type { CaseResponse } from '@lantern/contracts';
import type { SubjectType } from '@lantern/permissions';
import { Alert, Box, Button, Card, CardContent, Skeleton, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useGetList, useNotify, useTranslate } from 'react-admin';
import { useCan } from '../../common/use-can';
import { toApiError } from '../../providers/http';
import { useSession } from '../../providers/session';

/** The one-record panels: their API resource, permission subject, test id and translation keys (title, buttons, empty state, notice once saved). */
const CASE_RECORDS = {
  relief: {
    resource: 'immigration-relief',
    subject: 'ImmigrationRelief',
    testId: 'immigration-relief',
    labels: { title: 'lantern.relief.title', add: 'lantern.relief.add', edit: 'lantern.relief.edit', none: 'lantern.relief.none', saved: 'lantern.relief.saved' },
  },
  funderData: {
    resource: 'funder-data',
    subject: 'FunderData',
    testId: 'funder-data',
    labels: { title: 'lantern.funderData.title', add: 'lantern.funderData.add', edit: 'lantern.funderData.edit', none: 'lantern.funderData.none', saved: 'lantern.funderData.saved' },
  },
} as const satisfies Record<string, { resource: string; subject: SubjectType; testId: string; labels: Record<'title' | 'add' | 'edit' | 'none' | 'saved', string> }>;

/** What a case record's form gets from the panel: the record (absent when there is none yet) and the ways out. */
export interface CaseRecordFormProps<T> {
  caseId: string;
  current: T | undefined;
  onClose: () => void;
  onSaved: () => void;
}

/**
 * The shell of a case's one-record panel on its Services tab (immigration relief, funder data): the
 * case's latest record of its resource, read as an audited read of the survivor's file; a skeleton while
 * it loads, the API's message when it fails, `none` when there is none; and, for the case's own
 * caseworker while the case is open, an add or edit button opening the record's form dialog. The panel
 * gives the details of a record (`children`) and its form (`form`).
 */
export function CaseRecordPanel<T extends { id: string }>({
  kind,
  record,
  form,
  children,
}: {
  kind: keyof typeof CASE_RECORDS;
  record: CaseResponse;
  form: (props: CaseRecordFormProps<T>) => ReactNode;
  children: (current: T) => ReactNode;
}) {
  const { resource, subject, testId, labels } = CASE_RECORDS[kind];
  const translate = useTranslate();
  const notify = useNotify();
  const can = useCan();
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const { data = [], isPending, error, refetch } = useGetList<T>(
    resource,
    { filter: { caseId: record.id }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 1 } },
    { staleTime: 0 },
  );
  const current = data[0];
  const manage = record.status !== 'closed' && can('update', subject) && session?.me.user.role === 'caseworker' && record.assignedCaseworkerId === session.me.user.id;
  const title = translate(labels.title);
  return (
    <Card component="section" aria-label={title} variant="outlined" data-testid={testId}>
      <CardContent>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' }, mb: 1.5 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>
            {title}
          </Typography>
          {manage && !isPending && !error && (
            <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
              {translate(current ? labels.edit : labels.add)}
            </Button>
          )}
        </Stack>
        {error ? (
          <Alert severity="error">{toApiError(error).message}</Alert>
        ) : isPending ? (
          <Skeleton variant="rounded" height={60} />
        ) : !current ? (
          <Typography variant="body2" color="text.secondary">
            {translate(labels.none)}
          </Typography>
        ) : (
          <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))' }}>{children(current)}</Box>
        )}
      </CardContent>
      {editing &&
        form({
          caseId: record.id,
          current,
          onClose: () => setEditing(false),
          onSaved: () => {
            setEditing(false);
            notify(labels.saved, { type: 'success' });
            void refetch();
          },
        })}
    </Card>
  );
}

/** A group of a case record's form, under its own heading. */
export function FormGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
      <Typography component="legend" variant="subtitle2" sx={{ mb: 1, fontWeight: 600 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}
