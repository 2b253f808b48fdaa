/**
 * The custom-fields feature as other features see it (docs/architecture.md): its module and services.
 * Custom fields of an organization's forms and their values (issue 18; docs/custom-fields.md).
 */
export { CustomFieldsModule } from './custom-fields.module.js';
export { CustomFieldsService } from './custom-fields.service.js';
export { CustomValuesService } from './custom-values.service.js';
export { CustomListFields, type CustomListSpec } from './custom-list.js';
// Sharing a form as a JSON document (features/forms/form-transfer.service.ts) checks and writes definitions
// with the same rules, in the import's one transaction.
export { CustomField, CustomFieldVersion } from './custom-field.entity.js';
export { checkMetrics, isChoice, parseLabel, parseOptions } from './custom-field-rules.js';
export { presentField, SUBJECT_OF } from './custom-fields.service.js';
export { FIELD_KEY } from './dto/custom-field.dto.js';
