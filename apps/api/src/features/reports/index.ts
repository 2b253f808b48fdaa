/**
 * The funder reports feature as other features see it (docs/architecture.md): its module. Nothing else
 * of this folder may be imported from outside it.
 */
export { ReportsModule } from './reports.module.js';
