import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import { Menu } from 'react-admin';

/** Home, the resources this person may list (canAccess hides the rest), and their account. */
export function LanternMenu() {
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.ResourceItems />
      <Menu.Item to="/account" primaryText="My account" leftIcon={<AccountCircleIcon />} />
    </Menu>
  );
}
