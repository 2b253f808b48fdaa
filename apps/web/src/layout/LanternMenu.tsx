import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import BarChartIcon from '@mui/icons-material/BarChart';
import BusinessIcon from '@mui/icons-material/Business';
import InboxIcon from '@mui/icons-material/Inbox';
import TravelExploreIcon from '@mui/icons-material/TravelExplore';
import { Menu, useCreatePath, useResourceDefinitions, useTranslate } from 'react-admin';
import { useCan } from '../common/use-can';
import { useSession } from '../providers/session';

/**
 * Home, the resources this person may list (canAccess hides the rest), and their account. Partner
 * staff find their referrals as an inbox and their own organization; staff who refer find the
 * partner directory after the referrals.
 */
export function LanternMenu() {
  const resources = useResourceDefinitions();
  const translate = useTranslate();
  const session = useSession();
  const can = useCan();
  const createPath = useCreatePath();
  const role = session?.me.user.role;
  const ownOrg = role === 'partner' ? session?.me.user.partnerOrgId : null;
  const directory = (role === 'coordinator' || role === 'caseworker') && can('read', 'PartnerOrg') && !session?.me.mfaEnrolmentRequired;
  // Aggregates only, never a record: for analysts, coordinators and admins (the shared rules' `read Metrics`).
  const metrics = can('read', 'Metrics') && !session?.me.mfaEnrolmentRequired;
  const listed = Object.keys(resources).filter((name) => resources[name].hasList);

  return (
    <Menu>
      <Menu.DashboardItem />
      {listed.map((name) => [
        name === 'referrals' && role === 'partner' ? (
          <Menu.ResourceItem key={name} name={name} primaryText={translate('lantern.menu.inbox')} leftIcon={<InboxIcon />} />
        ) : (
          <Menu.ResourceItem key={name} name={name} />
        ),
        // Caseworkers have no referral board; the directory still helps them choose whom to ask for.
        name === 'referrals' && directory ? (
          <Menu.Item key="partner-directory" to="/partner-directory" primaryText={translate('lantern.menu.partnerDirectory')} leftIcon={<TravelExploreIcon />} />
        ) : null,
      ])}
      {ownOrg && (
        <Menu.Item
          to={createPath({ resource: 'partner-orgs', type: 'edit', id: ownOrg })}
          primaryText={translate('lantern.menu.ourOrganization')}
          leftIcon={<BusinessIcon />}
        />
      )}
      {metrics && <Menu.Item to="/metrics" primaryText={translate('lantern.menu.metrics')} leftIcon={<BarChartIcon />} />}
      <Menu.Item to="/account" primaryText={translate('lantern.menu.account')} leftIcon={<AccountCircleIcon />} />
    </Menu>
  );
}
