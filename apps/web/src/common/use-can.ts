import { useAbility } from '@casl/react';
import type { Action, AppAbility, SubjectType } from '@lantern/permissions';
import { useCallback } from 'react';
import { can } from '../providers/access';
import { useSession } from '../providers/session';

export type CanCheck = (action: Action, type: SubjectType, record?: object, field?: string) => boolean;

/** `can('update', 'PartnerOrg', record, 'active')`, from the rules the API sent in /auth/me. UX only. */
export function useCan(): CanCheck {
  const ability = useAbility<AppAbility>();
  const session = useSession();
  return useCallback<CanCheck>(
    (action, type, record, field) => (session ? can({ ...session, ability }, action, type, record, field) : false),
    [ability, session],
  );
}
