import type { CustomValueField } from '@lantern/contracts';

/** A custom field as the values routes describe it, for the web tests: a writable short text unless said. */
export const customField = (key: string, extra: Partial<CustomValueField> = {}): CustomValueField => ({
  key,
  type: 'shortText',
  label: { en: key },
  help: null,
  options: [],
  required: false,
  min: null,
  max: null,
  retired: false,
  writable: true,
  step: null,
  ...extra,
});
