import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import { Box, ListItemIcon, ListItemText, MenuItem, Typography } from '@mui/material';
import { AppBar, LoadingIndicator, Logout, TitlePortal, UserMenu, useNavigate, useUserMenu } from 'react-admin';
import { LanternMark } from './LanternMark';
import { NotificationBell } from './NotificationBell';
import { QuickExitButton } from './QuickExitButton';

function AccountMenuItem() {
  const userMenu = useUserMenu();
  const navigate = useNavigate();
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
      <ListItemText>My account</ListItemText>
    </MenuItem>
  );
}

export function LanternAppBar() {
  return (
    <AppBar
      color="primary"
      alwaysOn
      toolbar={
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <NotificationBell />
          <QuickExitButton />
          <LoadingIndicator />
        </Box>
      }
      userMenu={
        <UserMenu>
          <AccountMenuItem />
          <Logout />
        </UserMenu>
      }
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mr: 2 }}>
        <LanternMark size={24} />
        <Typography component="span" sx={{ fontWeight: 700, letterSpacing: 0.3, display: { xs: 'none', sm: 'inline' } }}>
          Lantern
        </Typography>
      </Box>
      <TitlePortal variant="subtitle1" sx={{ opacity: 0.85 }} />
    </AppBar>
  );
}
