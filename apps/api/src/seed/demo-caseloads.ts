import { randomUUID } from 'node:crypto';
import type { ShareableSurvivorField } from '@lantern/contracts';
import {
  addFeaturedReferrals,
  createSyntheticFaker,
  generateCases,
  referralNotifications,
  referralStream,
  type FeaturedReferral,
  type SyntheticNotification,
  type SyntheticOrg,
} from '@lantern/synthetic';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../kernel/config/config.js';
import { seedDemoServices } from './demo-services.js';
import { insertCaseBundles, insertNotifications, recordSyntheticLoad, syntheticKeys } from './synthetic-loader.js';

/** Notifications of the referral moves of the last two weeks. */
const NOTIFY_DAYS = 14;

export interface DemoCaseloads {
  /** The organization whose bell and funder reports get figures (Harbor). */
  organizationId: string;
  caseloads: readonly { org: SyntheticOrg; cases: number; seed: number }[];
  /** The caseload (one of `caseloads`) that holds the demo partner's curated inbox, and that partner. */
  featured: { org: SyntheticOrg; partnerOrgId: string; partnerUserIds: readonly string[]; fields: ShareableSurvivorField[]; inbox: readonly FeaturedReferral[] };
  partners: readonly { id: string; name: string }[];
  coordinatorIds: readonly string[];
}

/**
 * The synthetic caseloads of the demo (demo-seed.ts), made by the generator (@lantern/synthetic) and written
 * by the loader in the demo seed's transaction. Imported only when seeding: the generator and faker stay
 * out of every other start.
 */
export async function loadDemoCaseloads(manager: EntityManager, config: AppConfig, demo: DemoCaseloads): Promise<void> {
  const { organizationId, featured, partners, coordinatorIds } = demo;
  const keys = syntheticKeys(config);
  const now = new Date();
  for (const { org, cases, seed } of demo.caseloads) {
    await recordSyntheticLoad(manager, keys.auditKey, { organizationId: org.organizationId, runId: randomUUID(), cases, seed, requestId: 'demo:seed' });
    const faker = createSyntheticFaker(seed);
    const bundles = generateCases(faker, org, cases, now);
    if (org === featured.org) addFeaturedReferrals(referralStream(faker), org, bundles, featured.partnerOrgId, featured.fields, featured.inbox, now);
    await insertCaseBundles(manager, keys, org, bundles);
    if (org !== featured.org) continue;

    // The bell: what the referral service would have sent for the moves of the last two weeks, for the
    // demo caseworkers' own caseload only (the rest of the program would bury it).
    const numbers = new Map(
      ((await manager.query('SELECT id, case_number FROM survivor_case WHERE id = ANY($1::uuid[])', [bundles.map((b) => b.kase.id)])) as { id: string; case_number: string }[]).map(
        (r) => [r.id, r.case_number],
      ),
    );
    const partnerNames = new Map(partners.map((p) => [p.id, p.name]));
    const notifications: SyntheticNotification[] = bundles.flatMap((b) =>
      b.referrals.flatMap((r) =>
        referralNotifications(r, {
          caseId: b.kase.id,
          caseNumber: numbers.get(b.kase.id)!,
          caseworkerId: b.kase.assignedCaseworkerId,
          coordinatorIds,
          partnerName: partnerNames.get(r.partnerOrgId)!,
          partnerUserIds: r.partnerOrgId === featured.partnerOrgId ? featured.partnerUserIds : [],
          since: now.getTime() - NOTIFY_DAYS * 86_400_000,
          now: now.getTime(),
        }),
      ),
    );
    await insertNotifications(manager, organizationId, notifications);
    // Services given and immigration relief, so the funder reports have figures (docs/reports.md).
    await seedDemoServices(manager, organizationId, now);
  }
}
