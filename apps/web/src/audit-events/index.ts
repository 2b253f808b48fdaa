import PolicyIcon from '@mui/icons-material/Policy';
import { lazyPage } from '../lazy';

/** The audit log: read only, for administrators. */
export const auditEvents = {
  list: lazyPage(() => import('./AuditEventList'), 'AuditEventList'),
  show: lazyPage(() => import('./AuditEventShow'), 'AuditEventShow'),
  recordRepresentation: (event: { action?: string; occurredAt?: string }) => `${event.action ?? 'event'} ${event.occurredAt ?? ''}`.trim(),
  icon: PolicyIcon,
};
