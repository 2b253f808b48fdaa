/**
 * The custom-fields feature as other features see it (docs/architecture.md): its module and services.
 * Custom fields of an organization's forms and their values (issue 18; docs/custom-fields.md).
 */
export { CustomFieldsModule } from './custom-fields.module.js';
export { CustomFieldsService } from './custom-fields.service.js';
export { CustomValuesService } from './custom-values.service.js';
export { CustomListFields, type CustomListSpec } from './custom-list.js';
