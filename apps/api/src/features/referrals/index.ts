/** The referrals feature as other features see it (docs/architecture.md): its module, and its record type as a type. */
export { ReferralsModule } from './referrals.module.js';
export type { Referral } from './referral.entity.js';
