import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import { lazyPage } from '../lazy';

/** Contacts before a case (issue 17): "Contacts" in the menu for caseworkers and coordinators. */
export const contacts = {
  list: lazyPage(() => import('./ContactList'), 'ContactList'),
  create: lazyPage(() => import('./ContactPages'), 'ContactCreate'),
  edit: lazyPage(() => import('./ContactPages'), 'ContactEdit'),
  show: lazyPage(() => import('./ContactShow'), 'ContactShow'),
  icon: PhoneInTalkIcon,
};
