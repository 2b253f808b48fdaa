import MergeTypeIcon from '@mui/icons-material/MergeType';
import UndoIcon from '@mui/icons-material/Undo';
import { MERGE_COUNT_KEYS, type MergePreviewResponse, type SurvivorMergeResponse, type SurvivorResponse } from '@lantern/contracts';
import { Alert, AlertTitle, Autocomplete, Box, Button, DialogContentText, List, ListItem, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDataProvider, useNotify, useRecordContext, useRedirect, useRefresh, useTranslate } from 'react-admin';
import { useLocation, useNavigate } from 'react-router';
import { FormDialog } from '../common/FormDialog';
import { ReasonDialog } from '../common/ReasonDialog';
import { useCan } from '../common/use-can';
import { formatDateTime } from '../i18n/format';
import { api } from '../providers/http';

/**
 * The navigation state that opens the merge dialog on a survivor's page (from a duplicate warning),
 * naming the other record when it exists: state, never the address (no id or search in a URL).
 */
export const MERGE_STATE = 'mergeWith';

const mergesKey = (survivorId: string) => ['survivor-merges', survivorId];

interface Candidate {
  id: string;
  alias: string;
  birthYear: number | null;
}

/**
 * A merged-away record (issue 17, docs/duplicates.md): the API still answers for her id, saying which
 * record she was merged into; the page opens that one instead.
 */
export function FollowMerge() {
  const record = useRecordContext<SurvivorResponse>();
  const redirect = useRedirect();
  const notify = useNotify();
  const target = record?.mergedInto;
  useEffect(() => {
    if (!target) return;
    notify('lantern.merge.followed', { type: 'info' });
    redirect('show', 'survivors', target);
  }, [target, redirect, notify]);
  return null;
}

/** "Merge with another record" in a survivor's toolbar: coordinators only (the API refuses others too). */
export function MergeButton() {
  const record = useRecordContext<SurvivorResponse>();
  const can = useCan();
  const translate = useTranslate();
  const location = useLocation();
  const navigate = useNavigate();
  const state = location.state as Record<string, unknown> | null;
  const asked = typeof state?.[MERGE_STATE] === 'string' ? (state[MERGE_STATE] as string) : null;
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (asked !== null) setOpen(true);
  }, [asked]);
  if (!record || record.mergedInto || !can('create', 'SurvivorMerge')) return null;
  const close = (): void => {
    setOpen(false);
    // Asked once: going back to this page later does not open the dialog again.
    if (asked !== null) navigate(location.pathname, { replace: true, state: null });
  };
  return (
    <>
      <Button size="small" startIcon={<MergeTypeIcon />} onClick={() => setOpen(true)}>
        {translate('lantern.merge.button')}
      </Button>
      {open && <MergeDialog survivor={record} initialOtherId={asked || null} onClose={close} />}
    </>
  );
}

/**
 * Choose the other record (by alias, or the one a duplicate warning named), see what will move, give a
 * reason; the API asks for the password again (step-up) and merges the other record into this one.
 */
function MergeDialog({ survivor, initialOtherId, onClose }: { survivor: SurvivorResponse; initialOtherId: string | null; onClose: () => void }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState('');
  const [other, setOther] = useState<Candidate | null>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    if (!initialOtherId || initialOtherId === survivor.id) return;
    dataProvider
      .getOne<SurvivorResponse>('survivors', { id: initialOtherId })
      .then(({ data }) => setOther({ id: String(data.id), alias: data.alias, birthYear: data.birthYear }))
      .catch(() => undefined);
  }, [initialOtherId, survivor.id, dataProvider]);

  const candidates = useQuery({
    queryKey: ['merge-candidates', survivor.id, query],
    enabled: query.trim().length >= 2,
    queryFn: async () => {
      const { data } = await dataProvider.getList<SurvivorResponse>('survivors', {
        filter: { q: query.trim() },
        pagination: { page: 1, perPage: 10 },
        sort: { field: 'alias', order: 'ASC' },
      });
      return data.filter((s) => s.id !== survivor.id).map((s) => ({ id: String(s.id), alias: s.alias, birthYear: s.birthYear }));
    },
  });

  const preview = useQuery({
    queryKey: ['merge-preview', survivor.id, other?.id],
    enabled: other !== null,
    queryFn: () => api<MergePreviewResponse>(`/survivors/${encodeURIComponent(survivor.id)}/merge-preview?other=${encodeURIComponent(other!.id)}`),
    retry: false,
  });

  const moving = preview.data ? MERGE_COUNT_KEYS.filter((key) => preview.data.counts[key] > 0) : [];

  return (
    <FormDialog
      title={translate('lantern.merge.title')}
      intro={<DialogContentText sx={{ mb: 2 }}>{translate('lantern.merge.intro', { alias: survivor.alias })}</DialogContentText>}
      submitLabel={translate('lantern.merge.confirm')}
      submitColor="warning"
      ready={preview.isSuccess && reason.trim().length >= 10}
      onSubmit={async () => {
        await api<SurvivorMergeResponse>(`/survivors/${encodeURIComponent(survivor.id)}/merges`, {
          method: 'POST',
          body: { mergedSurvivorId: other!.id, reason: reason.trim() },
          stepUp: true,
        });
        notify('lantern.merge.done', { type: 'success' });
        // Both records changed: no page may show one as it was cached before the merge.
        queryClient.removeQueries({ queryKey: ['survivors', 'getOne'] });
        await queryClient.invalidateQueries({ queryKey: mergesKey(survivor.id) });
        refresh();
      }}
      onClose={onClose}
    >
      {(fieldError) => (
        <Stack spacing={2}>
          <Autocomplete
            options={candidates.data ?? []}
            value={other}
            onChange={(_event, value) => setOther(value)}
            inputValue={query}
            onInputChange={(_event, value) => setQuery(value)}
            getOptionLabel={(option) => (option.birthYear ? `${option.alias} (${option.birthYear})` : option.alias)}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            filterOptions={(options) => options}
            noOptionsText={translate(query.trim().length >= 2 ? 'lantern.merge.noMatch' : 'lantern.merge.typeAlias')}
            renderInput={(params) => (
              <TextField
                {...params}
                label={translate('lantern.merge.other')}
                helperText={fieldError('mergedSurvivorId') ?? translate('lantern.merge.otherHelp')}
                error={Boolean(fieldError('mergedSurvivorId'))}
              />
            )}
          />
          {preview.isError && <Alert severity="error">{(preview.error as Error).message}</Alert>}
          {preview.data && (
            <Alert severity="info" data-testid="merge-preview">
              <AlertTitle>{translate('lantern.merge.willMove', { other: preview.data.mergedAlias, alias: preview.data.survivorAlias })}</AlertTitle>
              {moving.length === 0 ? (
                translate('lantern.merge.nothingMoves')
              ) : (
                <List dense disablePadding>
                  {moving.map((key) => (
                    <ListItem key={key} disableGutters>
                      {translate(`lantern.merge.counts.${key}`, { smart_count: preview.data.counts[key] })}
                    </ListItem>
                  ))}
                </List>
              )}
              <Box sx={{ mt: 1 }}>{translate('lantern.merge.undoNote')}</Box>
            </Alert>
          )}
          <TextField
            label={translate('lantern.common.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
            multiline
            minRows={2}
            fullWidth
            error={Boolean(fieldError('reason'))}
            helperText={fieldError('reason') ?? translate('lantern.merge.reasonHelp')}
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
        </Stack>
      )}
    </FormDialog>
  );
}

/** "Merged from …" on the page of the record that stays, with Undo while the merge can be undone. */
export function MergedFrom() {
  const record = useRecordContext<SurvivorResponse>();
  const can = useCan();
  const allowed = Boolean(record) && can('read', 'SurvivorMerge');
  const merges = useQuery({
    queryKey: mergesKey(String(record?.id)),
    enabled: allowed,
    queryFn: () => api<SurvivorMergeResponse[]>(`/survivors/${encodeURIComponent(String(record!.id))}/merges`),
  });
  if (!record || !allowed) return null;
  const standing = (merges.data ?? []).filter((m) => m.survivorId === record.id && !m.undoneAt);
  if (standing.length === 0) return null;
  return (
    <Stack spacing={1}>
      {standing.map((merge) => (
        <MergedFromItem key={merge.id} merge={merge} />
      ))}
    </Stack>
  );
}

function MergedFromItem({ merge }: { merge: SurvivorMergeResponse }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [undoing, setUndoing] = useState(false);
  return (
    <Alert
      severity="info"
      data-testid="merged-from"
      action={
        merge.undoable ? (
          <Button color="inherit" size="small" startIcon={<UndoIcon />} onClick={() => setUndoing(true)}>
            {translate('lantern.merge.undo')}
          </Button>
        ) : undefined
      }
      sx={{ flexWrap: 'wrap', '& .MuiAlert-action': { pl: 0 } }}
    >
      <AlertTitle>{translate('lantern.merge.mergedFrom', { alias: merge.mergedAlias })}</AlertTitle>
      <Typography variant="body2">
        {translate('lantern.merge.mergedBy', { name: merge.mergedByName ?? '—', date: formatDateTime(merge.mergedAt) })}
      </Typography>
      {merge.undoable && <Typography variant="body2">{translate('lantern.merge.undoUntil', { date: formatDateTime(merge.undoableUntil) })}</Typography>}
      <ReasonDialog
        open={undoing}
        title={translate('lantern.merge.undoTitle')}
        description={translate('lantern.merge.undoIntro', { alias: merge.mergedAlias })}
        confirmLabel={translate('lantern.merge.undo')}
        confirmColor="warning"
        required
        minLength={10}
        onConfirm={async (reason) => {
          await api<SurvivorMergeResponse>(`/survivor-merges/${encodeURIComponent(merge.id)}/undo`, { method: 'POST', body: { reason, version: merge.version }, stepUp: true });
          notify('lantern.merge.undone', { type: 'success' });
          setUndoing(false);
          // The merged-away record is her own again: a cached copy would still lead to this page.
          queryClient.removeQueries({ queryKey: ['survivors', 'getOne'] });
          await queryClient.invalidateQueries({ queryKey: mergesKey(merge.survivorId) });
          refresh();
        }}
        onClose={() => setUndoing(false)}
      />
    </Alert>
  );
}
