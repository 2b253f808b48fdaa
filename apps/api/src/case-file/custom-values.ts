/**
 * How a record keeps its custom field values (issue 18; docs/architecture.md, "Custom field storage"):
 * a JSONB object keyed by field id. A PII field's value is `{ c: ciphertext }`, so key rotation and the
 * erasure tell it from a plain value without knowing the definitions.
 */
export type StoredCustomValue = string | number | boolean | string[] | { c: string };
export type StoredCustomValues = { [fieldId: string]: StoredCustomValue };
