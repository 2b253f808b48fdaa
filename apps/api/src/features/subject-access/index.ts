/** Subject access as other parts of the app see it (docs/architecture.md): its module only. */
export { SubjectAccessModule } from './subject-access.module.js';
