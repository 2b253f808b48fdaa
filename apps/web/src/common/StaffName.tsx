import { useGetManyAggregate, useTranslate } from 'react-admin';
import { useSession } from '../providers/session';
import { useCan } from './use-can';

/**
 * A colleague's display name. Caseworkers may read only their own user record, so for them other
 * staff are "a colleague" (the case history names actors itself).
 */
export function StaffName({ userId, fallback = 'lantern.common.aColleague' }: { userId: string | null | undefined; fallback?: string }) {
  const session = useSession();
  const translate = useTranslate();
  const can = useCan();
  const me = session?.me.user;
  const self = Boolean(userId && me && userId === me.id);
  const directory = can('read', 'User', { id: userId ?? '' }, 'displayName');
  const { data } = useGetManyAggregate<{ id: string; displayName: string }>(
    'users',
    { ids: userId ? [userId] : [] },
    { enabled: Boolean(userId) && !self && directory },
  );
  if (!userId) return <>—</>;
  if (self) return <>{translate('lantern.common.you', { name: me?.displayName })}</>;
  return <>{data?.[0]?.displayName ?? translate(fallback, { _: fallback })}</>;
}
