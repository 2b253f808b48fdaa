/** The accounts feature (invitations, password reset) as other features see it (docs/architecture.md). */
export { AccountsModule } from './accounts.module.js';
export type { Invitation } from './invitation.entity.js';
export type { PasswordReset } from './password-reset.entity.js';
