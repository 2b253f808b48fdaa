/** The five roles of docs/security-model.md, Roles. Every user has exactly one. */
export const ROLES = ['admin', 'coordinator', 'caseworker', 'partner', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  coordinator: 'Coordinator',
  caseworker: 'Caseworker',
  partner: 'Partner staff',
  analyst: 'Analyst',
};
