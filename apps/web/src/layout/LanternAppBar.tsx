import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import { Box, ListItemIcon, ListItemText, MenuItem, Typography } from '@mui/material';
import { AppBar, LoadingIndicator, Logout, TitlePortal, UserMenu, useNavigate, useTranslate, useUserMenu } from 'react-admin';
import { LanguageMenuItems } from '../i18n/language';
import { GlobalSearch } from './GlobalSearch';
import { useSession } from '../providers/session';
import { LanternMark } from './LanternMark';
import { NotificationBell } from './NotificationBell';
import { QuickExitSpace } from './QuickExitButton';

function AccountMenuItem() {
  const userMenu = useUserMenu();
  const navigate = useNavigate();
  const translate = useTranslate();
  return (
    <MenuItem
      onClick={() => {
        userMenu?.onClose();
        navigate('/account');
      }}
    >
      <ListItemIcon>
        <AccountCircleIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('lantern.menu.account')}</ListItemText>
    </MenuItem>
  );
}

export function LanternAppBar() {
  const translate = useTranslate();
  const session = useSession();
  // Analysts read anonymized metrics only: the search (POST /search) refuses them, so they get no box.
  const searches = !!session && session.me.user.role !== 'analyst';
  return (
    <AppBar
      color="primary"
      alwaysOn
      toolbar={
        <Box sx={{ display: 'flex', alignItems: 'center', gap: { xs: 0, sm: 1 } }}>
          {searches && <GlobalSearch />}
          <NotificationBell />
          {/* On phones the bar has no room for the refresh button; pulling the page down reloads it. */}
          <Box sx={{ display: { xs: 'none', sm: 'flex' } }}>
            <LoadingIndicator />
          </Box>
        </Box>
      }
      userMenu={
        <>
          <UserMenu>
            <AccountMenuItem />
            <LanguageMenuItems />
            <Logout />
          </UserMenu>
          {/* Quick Exit is pinned over this place, at the right end of the bar (AppLayout). */}
          <QuickExitSpace />
        </>
      }
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mr: { xs: 0, sm: 2 } }}>
        <LanternMark size={24} />
        <Typography component="span" sx={{ fontWeight: 700, letterSpacing: 0.3, display: { xs: 'none', sm: 'inline' } }}>
          {translate('lantern.appName')}
        </Typography>
      </Box>
      {/* Not a heading: each page has its own h1. On phones the bar keeps its room for the buttons. */}
      <TitlePortal variant="subtitle1" component="p" sx={{ opacity: 0.85, minWidth: 0, display: { xs: 'none', sm: 'block' } }} />
      <Box sx={{ flex: 1, display: { xs: 'block', sm: 'none' } }} />
    </AppBar>
  );
}
