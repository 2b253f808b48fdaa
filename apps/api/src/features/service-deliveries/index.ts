/**
 * The service-deliveries feature as other features see it (docs/architecture.md): its module. Nothing
 * else of this folder may be imported from outside it (funder reports will read through a query exported
 * here).
 */
export { ServiceDeliveriesModule } from './service-deliveries.module.js';
