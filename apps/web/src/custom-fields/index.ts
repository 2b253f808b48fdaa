import TuneIcon from '@mui/icons-material/Tune';
import { lazyPage } from '../lazy';

/** Custom fields of the organization's forms (issue 18): the list and editor, for admins. */
export const customFields = {
  list: lazyPage(() => import('./CustomFieldList'), 'CustomFieldList'),
  icon: TuneIcon,
};
