import type { CustomValue, CustomValueField } from '@lantern/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { LanternDataProvider } from '../providers/data-provider';

/** The records whose create body carries custom values, by the name of their values route. */
export type NewRecordRoute = 'survivor' | 'intake' | 'contact' | 'goal' | 'outcome-assessment' | 'referral';

export interface NewRecordCustom {
  /** The fields her role may write on the new record (none while loading, or when not asked). */
  fields: CustomValueField[];
  values: Record<string, CustomValue>;
  change: (key: string, value: CustomValue) => void;
  /** What the create body's `custom` carries: the values given, none left empty; undefined when none. */
  body: () => Record<string, CustomValue> | undefined;
}

const empty = (value: CustomValue | undefined): boolean => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** The values a create body sends: of the form's fields only, empty ones left out. */
export function customBody(fields: CustomValueField[], values: Record<string, CustomValue>): Record<string, CustomValue> | undefined {
  const given = fields.filter((field) => !empty(values[field.key])).map((field) => [field.key, values[field.key]!] as const);
  return given.length > 0 ? Object.fromEntries(given) : undefined;
}

/** A react-admin form's data as its create body: `custom` without the values left empty, none when all are. */
export function withoutEmptyCustom(out: Record<string, unknown>): void {
  if (!out.custom || typeof out.custom !== 'object') return;
  const given = Object.entries(out.custom as Record<string, CustomValue>).filter(([, value]) => !empty(value));
  if (given.length > 0) out.custom = Object.fromEntries(given);
  else delete out.custom;
}

/**
 * The organization's own fields of a form a new record is created with (docs/custom-fields.md, "Values
 * given at creation"): which ones her role may write (`GET /custom-values/<route>/new`), the values typed,
 * and the `custom` of the create body. `enabled` false (a dialog that edits a record) asks for nothing.
 */
export function useNewRecordCustom(route: NewRecordRoute, enabled = true): NewRecordCustom {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const form = useQuery({ queryKey: ['custom-values', route, 'new'], queryFn: () => dataProvider.newRecordCustom(route), enabled });
  const [values, setValues] = useState<Record<string, CustomValue>>({});
  const fields = enabled ? (form.data?.fields ?? []) : [];
  return {
    fields,
    values,
    change: (key, value) => setValues((current) => ({ ...current, [key]: value })),
    body: () => customBody(fields, values),
  };
}
