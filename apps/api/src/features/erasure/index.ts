/** Erasure and retention as other features see it (docs/architecture.md): its module only. */
export { ErasureModule } from './erasure.module.js';
export { RETENTION_PURGE_JOB } from './retention.job.js';
/** The map of every table holding a survivor's data: the subject access package reads by it (features/subject-access). */
export { SURVIVOR_DATA, type SurvivorDataTable } from './survivor-data-map.js';
