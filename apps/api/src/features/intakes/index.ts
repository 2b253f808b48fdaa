/** The intakes feature as other features see it (docs/architecture.md). */
export { IntakesModule } from './intakes.module.js';
export { immediateNeedsOf } from './intake-queries.js';
