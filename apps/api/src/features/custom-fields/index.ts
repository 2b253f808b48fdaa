/**
 * The custom-fields feature as other features see it (docs/architecture.md): its module and services.
 * Custom fields of an organization's forms and their values (issue 18; docs/custom-fields.md).
 */
export { CustomFieldsModule } from './custom-fields.module.js';
export { CustomFieldsService } from './custom-fields.service.js';
export { CustomValuesService } from './custom-values.service.js';
export { CustomListFields, type CustomListSpec } from './custom-list.js';
// Sharing a form as a JSON document (features/forms/form-transfer.service.ts) checks definitions with the
// same rules, and writes them through CustomFieldsService in the import's one transaction.
export { checkMetrics, checkRoles, checkStep, isChoice, parseLabel, parseOptions } from './custom-field-rules.js';
// A spreadsheet import (workflows/imports) checks each row's custom cells in its dry run by the same rules,
// and the survivor form's required fields by the one rule the values routes apply.
export { checkValue, missesRequired } from './custom-field-rules.js';
export type { CustomField } from './custom-field.entity.js';
export { documentFieldOf, documentOptionsOf } from './custom-field-document.js';
export { SUBJECT_OF, type DefinitionValues } from './custom-fields.service.js';
export { FIELD_KEY } from './dto/custom-field.dto.js';
