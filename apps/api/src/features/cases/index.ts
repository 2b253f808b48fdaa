/** The cases feature as other features see it (docs/architecture.md): its module and its service (a contact's conversion opens a case, issue 17). */
export { CasesModule } from './cases.module.js';
export { CasesService } from './cases.service.js';
