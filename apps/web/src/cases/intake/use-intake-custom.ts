import type { CustomValue, CustomValueField, CustomValuesResponse } from '@lantern/contracts';
import { useEffect, useRef, useState } from 'react';
import { useGetOne } from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { useLabelText } from '../../custom-fields/custom-value-text';

/**
 * A draft intake's custom values (docs/custom-fields.md, "A draft intake's save carries its custom
 * values"): the fields the person may write, read once the draft exists, put into the form under
 * `custom`, and the values as the server holds them, which each save moves forward. The save itself
 * sends the changed ones with the draft's own fields (use-intake-save.ts).
 */
export function useIntakeCustom(intakeId: string | undefined, enabled: boolean) {
  const { getValues, setValue } = useFormContext();
  const text = useLabelText();
  const base = useRef<Record<string, CustomValue> | undefined>(undefined);
  const [, setRead] = useState(false);
  const { data } = useGetOne<CustomValuesResponse>('custom-values/intake', { id: intakeId ?? '' }, { enabled: enabled && Boolean(intakeId) });
  useEffect(() => {
    if (!data || base.current !== undefined) return;
    base.current = { ...data.values };
    // What was typed before the values arrived wins over what was read.
    setValue('custom', { ...data.values, ...((getValues('custom') as Record<string, CustomValue> | undefined) ?? {}) });
    setRead(true);
  }, [data, getValues, setValue]);
  const fields: CustomValueField[] = enabled ? (data?.fields ?? []).filter((field) => field.writable && !field.retired) : [];
  return {
    fields,
    all: data?.fields ?? [],
    base: (): Record<string, CustomValue> => base.current ?? {},
    saved: (sent: Record<string, CustomValue>): void => {
      base.current = { ...base.current, ...sent };
    },
    label: (key: string): string | undefined => {
      const field = data?.fields.find((candidate) => candidate.key === key);
      return field ? text(field.label) : undefined;
    },
  };
}
