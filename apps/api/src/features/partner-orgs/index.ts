/**
 * The partner-orgs feature as other features see it: its module, its services, and its record type (as a
 * type only). Nothing else of this folder may be imported from outside it (docs/architecture.md).
 */
export { PartnerOrgsModule } from './partner-orgs.module.js';
export { PartnerOrgsRepository } from './partner-orgs.repository.js';
export { PartnerDirectoryService } from './partner-directory.service.js';
export { createPartnerOrg } from './create-partner-org.js';
export type { PartnerOrg } from './partner-org.entity.js';
