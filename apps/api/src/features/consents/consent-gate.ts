import { isDocumentShareItem, type ShareableSurvivorField } from '@lantern/contracts';
import type { EntityManager } from 'typeorm';
import { Consent } from './consent.entity.js';

export interface ConsentCoverage {
  /** Fields covered by live share_with_partner consents for this partner. */
  covered: Set<ShareableSurvivorField>;
  /** The newest live consent, named in the disclosure audit. */
  consentId: string | null;
  /** Whether any such consent was revoked after `since` (an override never outlives a refusal). */
  revokedSince: boolean;
}

/**
 * What the survivor has agreed to share with one partner organization right now. Evaluated on every
 * request, so a revocation or an expiry applies to the very next one.
 */
export async function consentCoverage(
  manager: EntityManager,
  survivorId: string,
  partnerOrgId: string,
  now: Date,
  since: Date | null = null,
): Promise<ConsentCoverage> {
  const consents = await manager.find(Consent, {
    where: { survivorId, partnerOrgId, purpose: 'share_with_partner' },
    order: { grantedAt: 'DESC' },
  });
  const live = consents.filter((c) => !c.revokedAt && (!c.expiresAt || c.expiresAt.getTime() > now.getTime()) && c.grantedAt.getTime() <= now.getTime());
  return {
    // Survivor fields only: the `documents:<kind>` items are checked by the documents' rules (libs/permissions).
    covered: new Set(live.flatMap((c) => c.sharedFields).filter((f): f is ShareableSurvivorField => !isDocumentShareItem(f))),
    consentId: live[0]?.id ?? null,
    revokedSince: consents.some((c) => c.revokedAt && (!since || c.revokedAt.getTime() >= since.getTime())),
  };
}

