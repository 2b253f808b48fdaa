import { In, type EntityManager } from 'typeorm';
import { User } from './user.entity.js';

/** Who an account is, as the API shows it to the person themselves (`/auth/me`) and to admins (`/users`). */
export function userProfile(user: User) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    organizationId: user.organizationId,
    partnerOrgId: user.partnerOrgId,
  };
}

/**
 * The display names of the people some records name (who requested, decided, placed, merged...): one
 * query whatever their number. `nameOf(id)` is null for no one, or for an id that is no account.
 */
export async function staffNames(manager: EntityManager, ids: Iterable<string | null>): Promise<(id: string | null) => string | null> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  const users = wanted.length === 0 ? [] : await manager.find(User, { select: { id: true, displayName: true }, where: { id: In(wanted) } });
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return (id) => (id ? (names.get(id) ?? null) : null);
}
