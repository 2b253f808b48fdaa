import FolderSharedIcon from '@mui/icons-material/FolderShared';
import { lazyPage } from '../lazy';

/** Cases: the main entry for staff. "Create" is the New intake flow (survivor → case → intake). */
export const cases = {
  list: lazyPage(() => import('./CaseList'), 'CaseList'),
  show: lazyPage(() => import('./CaseShow'), 'CaseShow'),
  edit: lazyPage(() => import('./CaseEdit'), 'CaseEdit'),
  create: lazyPage(() => import('./NewIntake'), 'NewIntake'),
  recordRepresentation: 'caseNumber',
  icon: FolderSharedIcon,
};
