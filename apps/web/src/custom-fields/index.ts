import TuneIcon from '@mui/icons-material/Tune';
import { lazyPage } from '../lazy';

/** Custom fields of the organization's forms (issue 18): a read-only list for admins, for now. */
export const customFields = {
  list: lazyPage(() => import('./CustomFieldList'), 'CustomFieldList'),
  icon: TuneIcon,
};
