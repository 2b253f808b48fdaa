// The survivors feature as other features see it (docs/architecture.md): its module, its services
// (the tolerant name matching is reused by duplicate checks, issue 17), never an entity class.
export { SurvivorsModule } from './survivors.module.js';
export { SurvivorsService } from './survivors.service.js';
export { SurvivorMatching, type GradedSurvivor, type YearRange } from './survivor-matching.service.js';
export { CreateSurvivorDto } from './dto/survivor.dto.js';
