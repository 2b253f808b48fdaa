/** The form settings as other features see them (docs/architecture.md): the module and the service that checks a stage. */
export { FormsModule } from './forms.module.js';
export { FormsService } from './forms.service.js';
