import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import type { CalendarFeedResponse } from '@lantern/contracts';
import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useNotify, useTranslate } from 'react-admin';
import { useCan } from '../common/use-can';
import { formatDateTime } from '../i18n/format';
import { toApiError } from '../providers/http';
import { calendarFeedApi } from './appointments-api';

const FEED_KEY = ['account', 'calendar-feed'] as const;

/**
 * The private calendar feed on the account page (issue 14): a secret URL a calendar app subscribes to.
 * The URL is shown once, when it is made (Lantern keeps only its hash), and can be revoked or replaced
 * at any time. Its events carry only case numbers, kinds and times.
 */
export function CalendarFeedSection() {
  const translate = useTranslate();
  const notify = useNotify();
  const can = useCan();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'regenerate' | 'revoke' | null>(null);
  const allowed = can('read', 'Appointment');
  const { data, error } = useQuery({ queryKey: FEED_KEY, queryFn: calendarFeedApi.status, enabled: allowed });
  const done = (result: CalendarFeedResponse): void => {
    queryClient.setQueryData(FEED_KEY, { ...result, path: undefined });
    setUrl(result.path ? `${window.location.origin}${result.path}` : null);
  };
  const create = useMutation({ mutationFn: calendarFeedApi.create, onSuccess: done, onError: (e) => notify(toApiError(e).message, { type: 'error' }) });
  const revoke = useMutation({ mutationFn: calendarFeedApi.revoke, onSuccess: done, onError: (e) => notify(toApiError(e).message, { type: 'error' }) });
  if (!allowed) return null;

  const copy = async (): Promise<void> => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      notify('lantern.appointments.feed.copied', { type: 'success' });
    } catch {
      notify('lantern.appointments.feed.copyFailed', { type: 'warning' });
    }
  };

  return (
    <Card component="section" aria-label={translate('lantern.appointments.feed.title')}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('lantern.appointments.feed.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('lantern.appointments.feed.text')}
        </Typography>
        {error ? <Alert severity="error">{toApiError(error).message}</Alert> : null}
        {url && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {translate('lantern.appointments.feed.showOnce')}
            </Typography>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
              <TextField
                size="small"
                fullWidth
                label={translate('lantern.appointments.feed.url')}
                value={url}
                slotProps={{ htmlInput: { readOnly: true, spellCheck: false }, inputLabel: { shrink: true } }}
                onFocus={(event) => event.target.select()}
              />
              <Button startIcon={<ContentCopyIcon />} onClick={() => void copy()} sx={{ flexShrink: 0 }}>
                {translate('lantern.appointments.feed.copy')}
              </Button>
            </Stack>
          </Alert>
        )}
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="calendar-feed-status">
          {data?.active
            ? translate('lantern.appointments.feed.active', {
                created: formatDateTime(data.createdAt),
                used: data.lastUsedAt ? formatDateTime(data.lastUsedAt) : translate('lantern.appointments.feed.never'),
              })
            : translate('lantern.appointments.feed.none')}
        </Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
          <Button
            variant="contained"
            disabled={create.isPending}
            onClick={() => (data?.active ? setConfirm('regenerate') : create.mutate())}
          >
            {translate(data?.active ? 'lantern.appointments.feed.regenerate' : 'lantern.appointments.feed.create')}
          </Button>
          {data?.active && (
            <Button color="error" disabled={revoke.isPending} onClick={() => setConfirm('revoke')}>
              {translate('lantern.appointments.feed.revoke')}
            </Button>
          )}
        </Stack>
        <Confirm
          isOpen={confirm !== null}
          title={confirm === 'revoke' ? 'lantern.appointments.feed.revokeTitle' : 'lantern.appointments.feed.regenerateTitle'}
          content="lantern.appointments.feed.confirmText"
          onConfirm={() => {
            if (confirm === 'revoke') revoke.mutate();
            else create.mutate();
            setConfirm(null);
          }}
          onClose={() => setConfirm(null)}
        />
      </CardContent>
    </Card>
  );
}
