import PersonIcon from '@mui/icons-material/Person';
import { lazyPage } from '../lazy';

/** Survivors: lists and most screens show the alias only; identifying details only to those allowed. */
export const survivors = {
  list: lazyPage(() => import('./SurvivorList'), 'SurvivorList'),
  show: lazyPage(() => import('./SurvivorShow'), 'SurvivorShow'),
  edit: lazyPage(() => import('./SurvivorEdit'), 'SurvivorEdit'),
  create: lazyPage(() => import('./SurvivorCreate'), 'SurvivorCreate'),
  recordRepresentation: 'alias',
  icon: PersonIcon,
};
