import type { CustomFieldLabel, CustomValue, CustomValueField } from '@lantern/contracts';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDate } from '../common/labels';
import { StaffName } from '../common/StaffName';

/** A label in the reader's language, else in English (every label has one). */
export function useLabelText(): (label: CustomFieldLabel) => string {
  const [locale] = useLocaleState();
  return (label) => (locale === 'es' && label.es) || label.en;
}

export const isEmptyValue = (value: CustomValue | undefined): boolean =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * One value as a reader sees it: an option's label, a date in her locale, yes or no, a colleague's name.
 * `empty` is what stands for no value ("Not recorded yet" unless given; a list's cell says "—").
 */
export function CustomValueText({ field, value, empty }: { field: Pick<CustomValueField, 'type' | 'options'> & Partial<CustomValueField>; value: CustomValue | undefined; empty?: string }) {
  const translate = useTranslate();
  const text = useLabelText();
  if (isEmptyValue(value)) return <>{empty ?? translate('lantern.common.notRecordedYet')}</>;
  const option = (id: unknown): string => {
    const found = field.options.find((candidate) => candidate.id === id);
    return found ? text(found.label) : '—';
  };
  switch (field.type) {
    case 'yesNo':
      return <>{translate(value ? 'lantern.customValues.yes' : 'lantern.customValues.no')}</>;
    case 'date':
      return <>{formatDate(String(value))}</>;
    case 'singleChoice':
      return <>{option(value)}</>;
    case 'multipleChoice':
      return <>{(Array.isArray(value) ? value : []).map(option).join(', ')}</>;
    case 'person':
      return <StaffName userId={String(value)} fallback="lantern.common.aColleague" />;
    default:
      return <>{String(value)}</>;
  }
}
