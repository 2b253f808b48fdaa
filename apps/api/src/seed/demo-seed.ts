import type { ServiceType } from '@lantern/contracts';
import type { DataSource } from 'typeorm';
import { PasswordService } from '../auth/password.service.js';
import { Organization } from '../organizations/organization.entity.js';
import { createOrganization, createPartnerOrg, createUser } from '../organizations/organizations.js';

export const DEMO_PASSWORD = 'lantern-demo-password';

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
 * Demo data (DESIGN.md §4): two organizations so tenant isolation can be seen, every role, and a few
 * partner organizations. Runs once: a database that already has the demo organization is left alone.
 * No real person: every name here is invented.
 */
export async function seedDemo(dataSource: DataSource): Promise<{ seeded: boolean; logins: string[] }> {
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
    for (const [email, displayName, role] of staff) await createUser(manager, harbor.id, { email, displayName, role, passwordHash });
    await createUser(manager, harbor.id, {
      email: 'partner@safehomes.demo',
      displayName: 'Pat Partner',
      role: 'partner',
      passwordHash,
      partnerOrgId: partners[0]!.id,
    });

    const lightway = await createOrganization(manager, 'Lightway Collective', 'lightway');
    await createPartnerOrg(manager, lightway.id, {
      name: 'Lightway Housing Partners',
      serviceTypes: ['housing'],
      serviceArea: 'Lakeside',
      capacity: 3,
      acceptingReferrals: true,
    });
    await createUser(manager, lightway.id, { email: 'admin@lightway.demo', displayName: 'Lee Admin', role: 'admin', passwordHash });
    await createUser(manager, lightway.id, { email: 'caseworker@lightway.demo', displayName: 'Kim Caseworker', role: 'caseworker', passwordHash });
  });
  return { seeded: true, logins };
}
