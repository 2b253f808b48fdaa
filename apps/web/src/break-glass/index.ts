import LockOpenIcon from '@mui/icons-material/LockOpen';
import { lazyPage } from '../lazy';

/** The emergency access log (break-glass grants); grants are opened from a case or survivor page. */
export const breakGlassGrants = {
  list: lazyPage(() => import('./BreakGlassList'), 'BreakGlassList'),
  icon: LockOpenIcon,
};
