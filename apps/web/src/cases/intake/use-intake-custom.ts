import type { CustomValue, CustomValueField, CustomValuesResponse } from '@lantern/contracts';
import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { useDataProvider, useGetOne } from 'react-admin';
import { useLabelText } from '../../custom-fields/custom-value-text';
import { customBody } from '../../custom-fields/use-new-record-custom';
import type { LanternDataProvider } from '../../providers/data-provider';

/**
 * An intake's custom values (docs/custom-fields.md, "A draft intake's save carries its custom values"):
 * the fields the person may write, put into the form under `custom`, and the values as the server holds
 * them, which each save moves forward (the form starts with them in its record: IntakeStepper.tsx).
 * Before the draft's first save the fields are those her role may give a new intake
 * (`GET /custom-values/intake/new`) and the first save sends the values given (`first`); once it exists,
 * the intake's own (`GET /custom-values/intake/:id`). The saves and the amendment send the changed ones
 * with the intake's own fields (use-intake-save.ts).
 */
export function useIntakeCustom(intakeId: string | undefined, enabled: boolean) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const text = useLabelText();
  const base = useRef<Record<string, CustomValue> | undefined>(undefined);
  const { data } = useGetOne<CustomValuesResponse>('custom-values/intake', { id: intakeId ?? '' }, { enabled: enabled && Boolean(intakeId) });
  const form = useQuery({ queryKey: ['custom-values', 'intake', 'new'], queryFn: () => dataProvider.newRecordCustom('intake'), enabled: enabled && !intakeId });
  // The values as first read are the baseline, from the render they arrive in (no render counts them as
  // changes). The form holds them already: an intake that exists starts with them in its record
  // (IntakeStepper.tsx); a draft's first save is what they were (`saved` below) before they are read.
  if (base.current === undefined && data) base.current = { ...data.values };
  // Until the saved draft's own fields are read, those asked before its first save stay on screen.
  const all = data?.fields ?? form.data?.fields ?? [];
  const fields: CustomValueField[] = enabled ? all.filter((field) => field.writable && !field.retired) : [];
  return {
    fields,
    all,
    base: (): Record<string, CustomValue> => base.current ?? {},
    /** The values the draft's first save sends (`custom` of POST /intakes): those given, none left empty. */
    first: (values: Record<string, CustomValue> | undefined): Record<string, CustomValue> | undefined => customBody(fields, values ?? {}),
    saved: (sent: Record<string, CustomValue>): void => {
      base.current = { ...base.current, ...sent };
    },
    label: (key: string): string | undefined => {
      const field = all.find((candidate) => candidate.key === key);
      return field ? text(field.label) : undefined;
    },
  };
}
