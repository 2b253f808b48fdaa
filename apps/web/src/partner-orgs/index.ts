import HandshakeIcon from '@mui/icons-material/Handshake';
import { lazyPage } from '../lazy';

/** Partner organizations: the first resource of Lantern, loaded page by page on first use. */
export const partnerOrgs = {
  list: lazyPage(() => import('./PartnerOrgList'), 'PartnerOrgList'),
  show: lazyPage(() => import('./PartnerOrgShow'), 'PartnerOrgShow'),
  edit: lazyPage(() => import('./PartnerOrgEdit'), 'PartnerOrgEdit'),
  create: lazyPage(() => import('./PartnerOrgCreate'), 'PartnerOrgCreate'),
  recordRepresentation: 'name',
  icon: HandshakeIcon,
};
