import { randomUUID } from 'node:crypto';
import type { ServiceType } from '@lantern/contracts';
import type { DataSource } from 'typeorm';
import { PasswordService } from '../auth/password.service.js';
import type { AppConfig } from '../config/config.js';
import { Organization } from '../organizations/organization.entity.js';
import { createOrganization, createPartnerOrg, createUser } from '../organizations/organizations.js';

export const DEMO_PASSWORD = 'lantern-demo-password';

/** Synthetic caseloads of the demo (fixed seeds: every fresh demo shows the same people). */
export const DEMO_CASELOADS = { harbor: { cases: 40, seed: 20261 }, lightway: { cases: 6, seed: 20262 } } as const;

interface DemoPartner {
  name: string;
  serviceTypes: ServiceType[];
  serviceArea: string;
  capacity: number;
  acceptingReferrals: boolean;
  contactName: string;
  contactEmail: string;
  phone: string;
}

const HARBOR_PARTNERS: DemoPartner[] = [
  { name: 'Safe Homes', serviceTypes: ['housing', 'shelter'], serviceArea: 'Metro area', capacity: 6, acceptingReferrals: true, contactName: 'Intake desk', contactEmail: 'intake@safehomes.demo', phone: '+1 555 0100' },
  { name: 'Bridge Works', serviceTypes: ['vocational', 'education'], serviceArea: 'Metro area and north county', capacity: 12, acceptingReferrals: true, contactName: 'Program office', contactEmail: 'programs@bridgeworks.demo', phone: '+1 555 0101' },
  { name: 'Clear Path Legal Aid', serviceTypes: ['legal', 'immigration'], serviceArea: 'Statewide', capacity: 4, acceptingReferrals: true, contactName: 'Legal intake', contactEmail: 'intake@clearpath.demo', phone: '+1 555 0102' },
  { name: 'Riverside Health', serviceTypes: ['medical', 'mental_health'], serviceArea: 'Riverside district', capacity: 8, acceptingReferrals: true, contactName: 'Care coordinator', contactEmail: 'care@riverside.demo', phone: '+1 555 0103' },
  { name: 'Open Door Shelter', serviceTypes: ['shelter'], serviceArea: 'Downtown', capacity: 0, acceptingReferrals: false, contactName: 'Night manager', contactEmail: 'night@opendoor.demo', phone: '+1 555 0104' },
];

/**
 * Demo data (DESIGN.md §4): two organizations so tenant isolation can be seen, every role, a few
 * partner organizations, and synthetic caseloads (about forty cases in Harbor over its two caseworkers,
 * a handful in Lightway), encrypted with the deployment's keys (`config`). Runs once: a database that
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
  const { createSyntheticFaker, generateCases } = await import('./synthetic.js');
  const { insertCaseBundles, recordSyntheticLoad, syntheticKeys } = await import('./synthetic-loader.js');
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
    await createUser(manager, harbor.id, {
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
    });
    await createUser(manager, lightway.id, { email: 'admin@lightway.demo', displayName: 'Lee Admin', role: 'admin', passwordHash });
    const kim = await createUser(manager, lightway.id, { email: 'caseworker@lightway.demo', displayName: 'Kim Caseworker', role: 'caseworker', passwordHash });

    const keys = syntheticKeys(config);
    const now = new Date();
    const caseloads = [
      {
        org: {
          organizationId: harbor.id,
          caseworkerIds: harborUsers.filter((u) => u.role === 'caseworker').map((u) => u.id),
          partnerOrgIds: partners.map((p) => p.id),
        },
        ...DEMO_CASELOADS.harbor,
      },
      { org: { organizationId: lightway.id, caseworkerIds: [kim.id], partnerOrgIds: [lightwayPartner.id] }, ...DEMO_CASELOADS.lightway },
    ];
    for (const { org, cases, seed } of caseloads) {
      await recordSyntheticLoad(manager, keys.auditKey, { organizationId: org.organizationId, runId: randomUUID(), cases, seed, requestId: 'demo:seed' });
      await insertCaseBundles(manager, keys, org, generateCases(createSyntheticFaker(seed), org, cases, now));
    }
  });
  return { seeded: true, logins };
}
