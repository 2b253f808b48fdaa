import DoneAllIcon from '@mui/icons-material/DoneAll';
import NotificationsIcon from '@mui/icons-material/Notifications';
import type { NotificationResponse } from '@lantern/contracts';
import {
  Badge,
  Box,
  Button,
  CircularProgress,
  Divider,
  IconButton,
  ListItemText,
  MenuItem,
  MenuList,
  Popover,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type MouseEvent } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import { currentLocale } from '../i18n/translate';
import { useCan } from '../common/use-can';
import type { LanternDataProvider } from '../providers/data-provider';
import { ApiError, toApiError } from '../providers/http';
import { useSession } from '../providers/session';
import { useOpenReferral } from '../referrals/use-open-referral';

/** Kept here rather than imported from common/labels, which would pull the vocabularies into the first chunk. */
function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleString(currentLocale(), { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** How often the unread count is asked for. */
export const NOTIFICATION_POLL_MS = 60_000;
const RECENT = 10;
const COUNT_KEY = ['notifications', 'unread-count'] as const;
const RECENT_KEY = ['notifications', 'recent'] as const;

function Bell() {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const translate = useTranslate();
  const openReferral = useOpenReferral();
  const menuId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const open = anchor !== null;

  // Polling is a background request: it never counts as activity, so an unattended screen still
  // times out. It stops when the session has ended.
  const count = useQuery({
    queryKey: COUNT_KEY,
    queryFn: () => dataProvider.unreadNotificationCount(),
    refetchInterval: (query) => (query.state.error instanceof ApiError && query.state.error.status === 401 ? false : NOTIFICATION_POLL_MS),
    retry: false,
  });
  const recent = useQuery({
    queryKey: RECENT_KEY,
    queryFn: () => dataProvider.recentNotifications(RECENT),
    enabled: open,
    staleTime: 0,
    gcTime: 0,
  });
  const unread = count.data?.count ?? 0;

  const refreshAll = async (): Promise<void> => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: COUNT_KEY }), queryClient.invalidateQueries({ queryKey: RECENT_KEY })]);
  };

  const choose = async (notification: NotificationResponse): Promise<void> => {
    setBusy(true);
    try {
      if (!notification.readAt) await dataProvider.markNotificationRead(notification.id);
      setAnchor(null);
      void refreshAll();
      openReferral({ referralId: notification.referralId, caseId: notification.caseId });
    } catch (caught) {
      notify(toApiError(caught).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const readAll = async (): Promise<void> => {
    setBusy(true);
    try {
      await dataProvider.markAllNotificationsRead();
      await refreshAll();
    } catch (caught) {
      notify(toApiError(caught).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const label = unread > 0 ? translate('lantern.notifications.unread', { count: unread }) : translate('lantern.notifications.title');
  const items = recent.data ?? [];

  return (
    <>
      <Tooltip title={label}>
        <IconButton
          color="inherit"
          aria-label={label}
          aria-haspopup="dialog"
          aria-controls={open ? menuId : undefined}
          aria-expanded={open || undefined}
          onClick={(event: MouseEvent<HTMLElement>) => setAnchor(event.currentTarget)}
          data-testid="notification-bell"
        >
          <Badge badgeContent={unread} color="error" max={99} data-testid="notification-count">
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      {/* A small dialog: its heading, "Mark all read" and any message sit outside the menu of notifications,
          which holds menu items only (axe: aria-required-children); a dialog is a region of its own. */}
      <Popover
        id={menuId}
        anchorEl={anchor}
        open={open}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { role: 'dialog', 'aria-labelledby': `${menuId}-title`, sx: { width: 380, maxWidth: '100vw' } } }}
      >
        <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1 }}>
          <Typography variant="subtitle2" component="h2" id={`${menuId}-title`} sx={{ flex: 1 }}>
            {translate('lantern.notifications.title')}
          </Typography>
          <Button size="small" startIcon={<DoneAllIcon />} onClick={() => void readAll()} disabled={busy || unread === 0}>
            {translate('lantern.notifications.markAllRead')}
          </Button>
        </Box>
        <Divider />
        {recent.isPending ? (
          <Box sx={{ display: 'flex', justifyContent: 'center', py: 2 }}>
            <CircularProgress size={20} aria-label={translate('ra.page.loading')} />
          </Box>
        ) : recent.error ? (
          <Typography variant="body2" color="error" sx={{ px: 2, py: 1.5 }}>
            {toApiError(recent.error).message}
          </Typography>
        ) : items.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1.5 }}>
            {translate('lantern.notifications.none')}
          </Typography>
        ) : (
          <MenuList dense autoFocusItem aria-label={translate('lantern.notifications.title')}>
            {items.map((notification) => (
              <MenuItem
                key={notification.id}
                onClick={() => void choose(notification)}
                disabled={busy}
                sx={{ whiteSpace: 'normal', alignItems: 'flex-start', ...(notification.readAt ? {} : { bgcolor: 'rgba(31, 78, 95, 0.06)' }) }}
                data-testid={notification.readAt ? 'notification-read' : 'notification-unread'}
              >
                <ListItemText
                  primary={notification.title}
                  secondary={when(notification.createdAt)}
                  slotProps={{ primary: { sx: { fontWeight: notification.readAt ? 400 : 600 } } }}
                />
              </MenuItem>
            ))}
          </MenuList>
        )}
      </Popover>
    </>
  );
}

/** The bell, for people whose work comes as notifications (referrals): staff who follow them and partners. */
export function NotificationBell() {
  const session = useSession();
  const can = useCan();
  if (!session || session.me.mfaEnrolmentRequired || !can('read', 'Referral')) return null;
  return <Bell />;
}
