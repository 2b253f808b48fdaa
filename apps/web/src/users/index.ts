import PeopleIcon from '@mui/icons-material/People';
import { lazyPage } from '../lazy';

export const users = {
  list: lazyPage(() => import('./UserList'), 'UserList'),
  show: lazyPage(() => import('./UserShow'), 'UserShow'),
  edit: lazyPage(() => import('./UserEdit'), 'UserEdit'),
  create: lazyPage(() => import('./UserCreate'), 'UserCreate'),
  recordRepresentation: 'displayName',
  icon: PeopleIcon,
};
