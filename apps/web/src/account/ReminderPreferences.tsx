import { Box, Button, Card, CardContent, Checkbox, FormControlLabel, FormGroup, Switch, Typography } from '@mui/material';
import { REMINDER_KINDS, type ReminderKind, type ReminderPreferences as Preferences } from '@lantern/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Loading, useNotify, useTranslate } from 'react-admin';
import { api, toApiError } from '../providers/http';

const KEY = ['account', 'reminders'] as const;

/**
 * The signed-in person's reminders (issue 14): which kinds they get in the app, and whether they get
 * one e-mail a day with counts and case numbers. Every kind is on until they turn it off.
 */
export function ReminderPreferences() {
  const translate = useTranslate();
  const notify = useNotify();
  const client = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: () => api<Preferences>('/reminders/preferences') });
  const [muted, setMuted] = useState<Set<ReminderKind>>(new Set());
  const [digest, setDigest] = useState(false);
  useEffect(() => {
    if (!query.data) return;
    setMuted(new Set(query.data.mutedKinds));
    setDigest(query.data.dailyDigest);
  }, [query.data]);
  const save = useMutation({
    mutationFn: (body: Preferences) => api<Preferences>('/reminders/preferences', { method: 'PUT', body }),
    onSuccess: (saved) => {
      client.setQueryData(KEY, saved);
      notify('lantern.reminders.saved', { type: 'success' });
    },
    onError: (error) => notify(toApiError(error).message, { type: 'error' }),
  });
  if (query.isPending) return <Loading />;
  const toggle = (kind: ReminderKind) =>
    setMuted((current) => {
      const next = new Set(current);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ mutedKinds: REMINDER_KINDS.filter((k) => muted.has(k)), dailyDigest: digest });
  };
  return (
    <Card component="section" aria-labelledby="reminders-title">
      <CardContent>
        <Typography variant="h6" component="h2" id="reminders-title">
          {translate('lantern.reminders.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('lantern.reminders.text')}
        </Typography>
        <Box component="form" onSubmit={submit}>
          <FormGroup aria-label={translate('lantern.reminders.kindsLabel')}>
            {REMINDER_KINDS.map((kind) => (
              <FormControlLabel key={kind} control={<Checkbox checked={!muted.has(kind)} onChange={() => toggle(kind)} />} label={translate(`lantern.reminders.kinds.${kind}`)} />
            ))}
          </FormGroup>
          <FormControlLabel
            sx={{ mt: 1 }}
            control={<Switch checked={digest} onChange={(event) => setDigest(event.target.checked)} />}
            label={translate('lantern.reminders.digest')}
          />
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('lantern.reminders.digestText')}
          </Typography>
          <Button type="submit" variant="contained" disabled={save.isPending}>
            {translate('lantern.reminders.save')}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
}
