import { isCustomFieldShareItem, isDocumentShareItem, type ShareableSurvivorField } from '@lantern/contracts';
import { In, type EntityManager } from 'typeorm';
import { Consent } from './consent.entity.js';

export interface ConsentCoverage {
  /** Fields covered by live share_with_partner consents for this partner. */
  covered: Set<ShareableSurvivorField>;
  /** Custom fields (their ids) covered by those consents (`cf:<field id>` items, docs/custom-fields.md). */
  customFields: Set<string>;
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
  return coverageOf(consents, now, since);
}

/**
 * `consentCoverage` for many survivors and one partner organization at once, in one query (a page of a
 * partner's inbox: docs/benchmarks.md, the partner inbox). Every survivor asked about is in the map.
 */
export async function consentCoverages(
  manager: EntityManager,
  survivorIds: readonly string[],
  partnerOrgId: string,
  now: Date,
): Promise<Map<string, ConsentCoverage>> {
  const ids = [...new Set(survivorIds)];
  const consents = ids.length
    ? await manager.find(Consent, { where: { survivorId: In(ids), partnerOrgId, purpose: 'share_with_partner' }, order: { grantedAt: 'DESC' } })
    : [];
  return new Map(ids.map((id) => [id, coverageOf(consents.filter((c) => c.survivorId === id), now, null)]));
}

/** What one survivor's share_with_partner consents for one partner (newest first) cover at `now`. */
function coverageOf(consents: Consent[], now: Date, since: Date | null): ConsentCoverage {
  const live = consents.filter((c) => !c.revokedAt && (!c.expiresAt || c.expiresAt.getTime() > now.getTime()) && c.grantedAt.getTime() <= now.getTime());
  return {
    // Survivor fields only: the `documents:<kind>` items are checked by the documents' rules (libs/permissions).
    covered: new Set(live.flatMap((c) => c.sharedFields).filter((f): f is ShareableSurvivorField => !isDocumentShareItem(f) && !isCustomFieldShareItem(f))),
    customFields: new Set(live.flatMap((c) => c.sharedFields).filter(isCustomFieldShareItem).map((item) => item.slice('cf:'.length))),
    consentId: live[0]?.id ?? null,
    revokedSince: consents.some((c) => c.revokedAt && (!since || c.revokedAt.getTime() >= since.getTime())),
  };
}
