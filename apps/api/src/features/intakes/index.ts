/** The intakes feature as other features see it (docs/architecture.md). */
export { IntakesModule } from './intakes.module.js';
export { IntakesService } from './intakes.service.js';
export { immediateNeedsOf } from './intake-queries.js';
