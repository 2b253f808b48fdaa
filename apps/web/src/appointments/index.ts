import EventIcon from '@mui/icons-material/Event';
import { lazyPage } from '../lazy';

/** Appointments (issue 14): "my appointments" in the menu; each case shows its own on its page. */
export const appointments = {
  list: lazyPage(() => import('./AppointmentsPage'), 'AppointmentsPage'),
  icon: EventIcon,
};
