import type { ServiceType, ShareableSurvivorField } from '@lantern/contracts';
import type { DataSource } from 'typeorm';
import { PasswordService } from '../access/auth/password.service.js';
import type { AppConfig } from '../kernel/config/config.js';
import { Organization } from '../features/organizations/organization.entity.js';
import { createOrganization, createUser } from '../features/organizations/organizations.js';
import { createPartnerOrg } from '../features/partner-orgs/index.js';
import type { FeaturedReferral } from '@lantern/synthetic';
import { DEMO_PASSWORD } from './demo-password.js';

export { DEMO_PASSWORD };

/** Synthetic caseloads of the demo (fixed seeds: every fresh demo shows the same people). */
export const DEMO_CASELOADS = { harbor: { cases: 40, seed: 20261 }, lightway: { cases: 6, seed: 20262 }, harborProgram: { cases: 1200, seed: 20263 } } as const;

/**
 * The rest of Harbor's program: caseworkers whose caseloads fill the coordinator's overview and give the
 * anonymized metrics two years of real numbers (a quarter shows published counts and suppressed cells),
 * while the two demo caseworkers keep caseloads a person can read.
 */
const HARBOR_PROGRAM_STAFF: [string, string][] = [
  ['caseworker3@harbor.demo', 'Morgan Caseworker'],
  ['caseworker4@harbor.demo', 'Jamie Caseworker'],
  ['caseworker5@harbor.demo', 'Avery Caseworker'],
  ['caseworker6@harbor.demo', 'Quinn Caseworker'],
];

interface DemoPartner {
  name: string;
  serviceTypes: ServiceType[];
  serviceArea: string;
  capacity: number;
  acceptingReferrals: boolean;
  contactName: string;
  contactEmail: string;
  phone: string;
  /** ISO 639-1 codes of the languages it serves in. */
  languages: string[];
}

const HARBOR_PARTNERS: DemoPartner[] = [
  { name: 'Safe Homes', serviceTypes: ['housing', 'shelter'], serviceArea: 'Metro area', capacity: 6, acceptingReferrals: true, contactName: 'Intake desk', contactEmail: 'intake@safehomes.demo', phone: '+1 555 0100', languages: ['en', 'es'] },
  { name: 'Bridge Works', serviceTypes: ['vocational', 'education'], serviceArea: 'Metro area and north county', capacity: 12, acceptingReferrals: true, contactName: 'Program office', contactEmail: 'programs@bridgeworks.demo', phone: '+1 555 0101', languages: ['en', 'es', 'vi'] },
  { name: 'Clear Path Legal Aid', serviceTypes: ['legal', 'immigration'], serviceArea: 'Statewide', capacity: 4, acceptingReferrals: true, contactName: 'Legal intake', contactEmail: 'intake@clearpath.demo', phone: '+1 555 0102', languages: ['en', 'es', 'zh', 'ru', 'uk'] },
  { name: 'Riverside Health', serviceTypes: ['medical', 'mental_health'], serviceArea: 'Riverside district', capacity: 8, acceptingReferrals: true, contactName: 'Care coordinator', contactEmail: 'care@riverside.demo', phone: '+1 555 0103', languages: ['en', 'es', 'tl', 'vi', 'ht', 'fr'] },
  { name: 'Open Door Shelter', serviceTypes: ['shelter'], serviceArea: 'Downtown', capacity: 0, acceptingReferrals: false, contactName: 'Night manager', contactEmail: 'night@opendoor.demo', phone: '+1 555 0104', languages: ['en'] },
];

/**
 * What the Safe Homes partner finds on signing in: new, overdue, accepted and running referrals, each
 * sent under a live consent on these fields.
 */
const SAFE_HOMES_INBOX: FeaturedReferral[] = [
  { status: 'sent', serviceType: 'housing', urgency: 'routine', sentHoursAgo: 5 },
  { status: 'sent', serviceType: 'shelter', urgency: 'urgent', sentHoursAgo: 20 },
  { status: 'sent', serviceType: 'housing', urgency: 'routine', sentHoursAgo: 62, overdueNotified: true },
  { status: 'accepted', serviceType: 'shelter', urgency: 'emergency', sentHoursAgo: 30, respondedHoursAgo: 29 },
  { status: 'accepted', serviceType: 'housing', urgency: 'routine', sentHoursAgo: 96, respondedHoursAgo: 80 },
  { status: 'in_progress', serviceType: 'housing', urgency: 'urgent', sentHoursAgo: 12 * 24, respondedHoursAgo: 11 * 24, startedHoursAgo: 9 * 24 },
];
const SAFE_HOMES_FIELDS: ShareableSurvivorField[] = ['alias', 'languages', 'immediateNeeds', 'safeContactInstructions'];

/**
 * Demo data (docs/architecture.md): two organizations so tenant isolation can be seen, every role, a few
 * partner organizations, and synthetic caseloads (about forty cases over Harbor's two demo caseworkers,
 * 1,200 more over the rest of its program spanning two and a half years, a handful in Lightway), encrypted with the deployment's keys (`config`). Runs once: a database that
 * already has the demo organization is left alone. No real person: every name here is invented.
 */
export async function seedDemo(dataSource: DataSource, config: AppConfig): Promise<{ seeded: boolean; logins: string[] }> {
  const logins = [
    'admin@harbor.demo',
    'coordinator@harbor.demo',
    'caseworker@harbor.demo',
    'caseworker2@harbor.demo',
    'analyst@harbor.demo',
    'partner@safehomes.demo',
    'admin@lightway.demo',
    'caseworker@lightway.demo',
  ];
  if (await dataSource.manager.exists(Organization, { where: { slug: 'harbor' } })) return { seeded: false, logins };

  const passwordHash = await new PasswordService().hash(DEMO_PASSWORD);
  // Loaded only when seeding: the generator and faker (a quarter of a second to load) stay out of every other start.
  const { loadDemoCaseloads } = await import('./demo-caseloads.js');
  await dataSource.transaction(async (manager) => {
    const harbor = await createOrganization(manager, 'Harbor Outreach', 'harbor');
    const partners = [];
    for (const partner of HARBOR_PARTNERS) partners.push(await createPartnerOrg(manager, harbor.id, partner));
    const staff: [string, string, 'admin' | 'coordinator' | 'caseworker' | 'analyst'][] = [
      ['admin@harbor.demo', 'Alex Admin', 'admin'],
      ['coordinator@harbor.demo', 'Casey Coordinator', 'coordinator'],
      ['caseworker@harbor.demo', 'Robin Caseworker', 'caseworker'],
      ['caseworker2@harbor.demo', 'Sam Caseworker', 'caseworker'],
      ['analyst@harbor.demo', 'Jordan Analyst', 'analyst'],
    ];
    const harborUsers = [];
    for (const [email, displayName, role] of staff) harborUsers.push(await createUser(manager, harbor.id, { email, displayName, role, passwordHash }));
    const pat = await createUser(manager, harbor.id, {
      email: 'partner@safehomes.demo',
      displayName: 'Pat Partner',
      role: 'partner',
      passwordHash,
      partnerOrgId: partners[0]!.id,
    });

    const lightway = await createOrganization(manager, 'Lightway Collective', 'lightway');
    const lightwayPartner = await createPartnerOrg(manager, lightway.id, {
      name: 'Lightway Housing Partners',
      serviceTypes: ['housing'],
      serviceArea: 'Lakeside',
      capacity: 3,
      acceptingReferrals: true,
      languages: ['en', 'ru', 'uk'],
    });
    await createUser(manager, lightway.id, { email: 'admin@lightway.demo', displayName: 'Lee Admin', role: 'admin', passwordHash });
    const kim = await createUser(manager, lightway.id, { email: 'caseworker@lightway.demo', displayName: 'Kim Caseworker', role: 'caseworker', passwordHash });

    const coordinatorIds = harborUsers.filter((u) => u.role === 'coordinator').map((u) => u.id);
    const harborOrg = {
      organizationId: harbor.id,
      caseworkerIds: harborUsers.filter((u) => u.role === 'caseworker').map((u) => u.id),
      partnerOrgIds: partners.map((p) => p.id),
      // Referrals need the partners' services and a coordinator; Lightway has no coordinator, so no referrals.
      partners: partners
        .filter((p) => p.active)
        .map((p) => ({ id: p.id, name: p.name, serviceTypes: p.serviceTypes, acceptingReferrals: p.acceptingReferrals, userIds: p.id === pat.partnerOrgId ? [pat.id] : [] })),
      coordinatorIds,
    };
    const programCaseworkers = [];
    for (const [email, displayName] of HARBOR_PROGRAM_STAFF) programCaseworkers.push(await createUser(manager, harbor.id, { email, displayName, role: 'caseworker', passwordHash }));
    const caseloads = [
      { org: harborOrg, ...DEMO_CASELOADS.harbor },
      // The rest of the program refers to the other partners: Safe Homes' inbox stays the curated one its demo user signs in to.
      {
        org: {
          ...harborOrg,
          caseworkerIds: programCaseworkers.map((u) => u.id),
          partnerOrgIds: harborOrg.partnerOrgIds.filter((id) => id !== pat.partnerOrgId),
          partners: harborOrg.partners.filter((p) => p.id !== pat.partnerOrgId),
        },
        ...DEMO_CASELOADS.harborProgram,
      },
      { org: { organizationId: lightway.id, caseworkerIds: [kim.id], partnerOrgIds: [lightwayPartner.id] }, ...DEMO_CASELOADS.lightway },
    ];
    await loadDemoCaseloads(manager, config, {
      organizationId: harbor.id,
      caseloads,
      featured: { org: harborOrg, partnerOrgId: pat.partnerOrgId!, partnerUserIds: [pat.id], fields: SAFE_HOMES_FIELDS, inbox: SAFE_HOMES_INBOX },
      partners,
      coordinatorIds,
    });
  });
  return { seeded: true, logins };
}
