import type { EntityManager } from 'typeorm';
import { PartnerOrg } from './partner-org.entity.js';

/** Creates a partner organization outside a request (the demo seed and test fixtures). */
export async function createPartnerOrg(manager: EntityManager, organizationId: string, values: Partial<PartnerOrg>): Promise<PartnerOrg> {
  return manager.save(manager.create(PartnerOrg, { ...values, organizationId }));
}
