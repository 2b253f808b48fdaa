import type { Role } from './roles.js';

export interface UserResponse {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string;
  partnerOrgId: string | null;
  active: boolean;
  mfaEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Password policy of docs/security-model.md (NIST SP 800-63B): length only, no composition rules. */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 128;
