import { SERVICE_CATEGORIES, SERVICE_CATEGORY_INFO, VOCA_CATEGORIES, VOCA_CATEGORY_LABELS, type ServiceCategory, type VocaCategory } from '@lantern/contracts';
import { formatNumber } from '../../i18n/format';
import { translate } from '../../i18n/translate';
import { vocabLabel } from '../../i18n/vocabulary';

/**
 * The words of services given (issue 16): each OVC PMT service in the reader's language (the English of
 * libs/contracts when a catalogue lacks it), with its PMT code, grouped under its VOCA category.
 */
export function serviceCategoryLabel(category: string): string {
  const info = Object.hasOwn(SERVICE_CATEGORY_INFO, category) ? SERVICE_CATEGORY_INFO[category as ServiceCategory] : undefined;
  return vocabLabel('serviceCategory', category, info?.label ?? category);
}

/** "C1 · Crisis intervention…": the PMT code in front, as funders' reports name it. */
export function serviceCategoryWithCode(category: string): string {
  const info = Object.hasOwn(SERVICE_CATEGORY_INFO, category) ? SERVICE_CATEGORY_INFO[category as ServiceCategory] : undefined;
  return info ? `${info.code} · ${serviceCategoryLabel(category)}` : serviceCategoryLabel(category);
}

export function vocaCategoryLabel(category: VocaCategory): string {
  return vocabLabel('vocaCategory', category, VOCA_CATEGORY_LABELS[category]);
}

/** The services under their VOCA category (A–E), in the PMT's order, for a grouped picker. */
export function serviceCategoryGroups(): { category: VocaCategory; label: string; services: { value: ServiceCategory; label: string }[] }[] {
  return VOCA_CATEGORIES.map((category) => ({
    category,
    label: vocaCategoryLabel(category),
    services: SERVICE_CATEGORIES.filter((value) => SERVICE_CATEGORY_INFO[value].category === category).map((value) => ({ value, label: serviceCategoryWithCode(value) })),
  }));
}

/** How much was given, in words: "2 units · 45 min". */
export function serviceAmount(units: number | null | undefined, minutes: number | null | undefined): string {
  return [
    units ? translate('lantern.services.unitsCount', { smart_count: units, count: formatNumber(units) }) : null,
    minutes ? translate('lantern.services.minutesCount', { smart_count: minutes, count: formatNumber(minutes) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Today where the reader is, as `YYYY-MM-DD` (the API accepts any calendar day that has begun somewhere). */
export function localToday(now = new Date()): string {
  const d = new Date(now);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}
