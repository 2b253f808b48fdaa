/**
 * The immigration-relief feature as other features see it (docs/architecture.md): its module. Nothing
 * else of this folder may be imported from outside it.
 */
export { ImmigrationReliefModule } from './immigration-relief.module.js';
