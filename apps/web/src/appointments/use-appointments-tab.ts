import type { CaseResponse } from '@lantern/contracts';
import { useCan } from '../common/use-can';
import { useSession } from '../providers/session';

/**
 * Whether the case page shows its appointments: the rules let caseworkers read those of their own cases
 * and coordinators those of the program (a relation the browser follows through the case's caseworker;
 * the API decides again on every request).
 */
export function useAppointmentsTab(record: Partial<CaseResponse> | undefined): boolean {
  const can = useCan();
  const session = useSession();
  const role = session?.me.user.role;
  if (!record || !can('read', 'Appointment')) return false;
  return role === 'coordinator' || (role === 'caseworker' && record.assignedCaseworkerId === session?.me.user.id);
}
