import type { Role } from '@lantern/contracts';
import type { EntityManager } from 'typeorm';
import { User } from '../../access/auth/user.entity.js';
import { Organization } from './organization.entity.js';

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  partnerOrgId?: string | null;
}

/** Creates an organization (tenant). Used by the first-admin CLI and the demo seed. */
export async function createOrganization(manager: EntityManager, name: string, slug: string): Promise<Organization> {
  return manager.save(manager.create(Organization, { name, slug, active: true }));
}

export async function createUser(manager: EntityManager, organizationId: string, input: NewUser): Promise<User> {
  return manager.save(
    manager.create(User, {
      organizationId,
      email: input.email.toLowerCase(),
      displayName: input.displayName,
      role: input.role,
      partnerOrgId: input.partnerOrgId ?? null,
      passwordHash: input.passwordHash,
      active: true,
      mfaEnabled: false,
    }),
  );
}
