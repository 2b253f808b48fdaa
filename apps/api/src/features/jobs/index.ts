/** The admin face of the durable jobs (GET /jobs, run now, failure alerts); the jobs themselves are kernel/jobs. */
export { JobsAdminModule } from './jobs-admin.module.js';
