import type { User } from './user.entity.js';

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
