import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import AssessmentIcon from '@mui/icons-material/Assessment';
import BarChartIcon from '@mui/icons-material/BarChart';
import BusinessIcon from '@mui/icons-material/Business';
import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import DynamicFormIcon from '@mui/icons-material/DynamicForm';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import InboxIcon from '@mui/icons-material/Inbox';
import MailOutlineIcon from '@mui/icons-material/EmailOutlined';
import ScheduleIcon from '@mui/icons-material/Schedule';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
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
  // Exact counts for funders (issue 16): admins and coordinators (the shared rules' `read FunderReports`).
  const reports = can('read', 'FunderReports') && !session?.me.mfaEnrolmentRequired;
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
      {/* Invitations and e-mail delivery (issue 14): admins only, as the API decides too. */}
      {role === 'admin' && !session?.me.mfaEnrolmentRequired && (
        <Menu.Item to="/invitations" primaryText={translate('lantern.menu.invitations')} leftIcon={<PersonAddIcon />} />
      )}
      {role === 'admin' && !session?.me.mfaEnrolmentRequired && (
        <Menu.Item to="/mail" primaryText={translate(session?.me.demo ? 'lantern.menu.mailDemo' : 'lantern.menu.mail')} leftIcon={<MailOutlineIcon />} />
      )}
      {/* Background jobs (issue 14): admins only (the shared rules' `read Jobs`). */}
      {can('read', 'Jobs') && !session?.me.mfaEnrolmentRequired && <Menu.Item to="/jobs" primaryText={translate('lantern.menu.jobs')} leftIcon={<ScheduleIcon />} />}
      {metrics && <Menu.Item to="/metrics" primaryText={translate('lantern.menu.metrics')} leftIcon={<BarChartIcon />} />}
      {reports && <Menu.Item to="/reports" primaryText={translate('lantern.menu.reports')} leftIcon={<AssessmentIcon />} />}
      {/* Spreadsheet import (issue 17): admins only (the shared rules' `read Imports`). */}
      {can('read', 'Imports') && !session?.me.mfaEnrolmentRequired && <Menu.Item to="/imports" primaryText={translate('lantern.menu.imports')} leftIcon={<UploadFileIcon />} />}
      {/* Form settings (issue 18): admins only (the shared rules' `update FormSettings`). */}
      {can('update', 'FormSettings') && !session?.me.mfaEnrolmentRequired && <Menu.Item to="/forms" primaryText={translate('lantern.menu.forms')} leftIcon={<DynamicFormIcon />} />}
      {/* Erasure and retention (issue 16): admins only (the shared rules' `read Retention`). */}
      {can('read', 'Retention') && !session?.me.mfaEnrolmentRequired && (
        <Menu.Item to="/retention" primaryText={translate('lantern.menu.retention')} leftIcon={<DeleteSweepIcon />} />
      )}
      <Menu.Item to="/account" primaryText={translate('lantern.menu.account')} leftIcon={<AccountCircleIcon />} />
    </Menu>
  );
}
