import type { CaseResponse } from '@lantern/contracts';
import { useCan } from '../../common/use-can';
import { useSession } from '../../providers/session';

/**
 * Whether the case page shows its services given (issue 16), and whether this person logs them: the
 * rules let caseworkers read and log those of their own cases and coordinators those of the program (a
 * relation the browser follows through the case's caseworker; the API decides again on every request).
 * A closed case's services are read-only.
 */
export function useServicesTab(record: Partial<CaseResponse> | undefined): { read: boolean; manage: boolean } {
  const can = useCan();
  const session = useSession();
  const role = session?.me.user.role;
  if (!record || !can('read', 'ServiceDelivery')) return { read: false, manage: false };
  const read = role === 'coordinator' || (role === 'caseworker' && record.assignedCaseworkerId === session?.me.user.id);
  return { read, manage: read && record.status !== 'closed' && can('create', 'ServiceDelivery') };
}
