/**
 * The funder-data feature as other features see it (docs/architecture.md): its module. Nothing else of
 * this folder may be imported from outside it.
 */
export { FunderDataModule } from './funder-data.module.js';
