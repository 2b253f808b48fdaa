import TuneIcon from '@mui/icons-material/Tune';
import { lazyPage } from '../lazy';

/** Custom fields of the organization's forms (issue 18): the list and editor, for admins. */
export const customFields = {
  list: lazyPage(() => import('./CustomFieldList'), 'CustomFieldList'),
  icon: TuneIcon,
};

// Custom fields as any list's optional columns and filters (docs/custom-fields.md, "In the web app").
export { useReadableFields } from './use-readable-fields';
export { customHiddenColumns, customListColumns, customListFilters, useCustomListError } from './custom-list';
export { customSource, flatCustomFilter } from './custom-list-filter';
export { CustomCardValues, CustomColumnsMenu, useShownCustomFields } from './CustomColumnsMenu';
export { useLabelText } from './custom-value-text';
export { useCustomList, type CustomListParts } from './use-custom-list';
