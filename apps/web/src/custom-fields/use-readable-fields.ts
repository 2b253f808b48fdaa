import type { CustomFieldEntity, ReadableCustomFieldResponse } from '@lantern/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../providers/http';

/**
 * The custom fields of one form the signed-in person may read (`GET /custom-fields/readable`;
 * docs/custom-fields.md, "In lists"): definitions only, never a value. `enabled` false (partner staff,
 * whom the API refuses) asks nothing and gives no field.
 */
export function useReadableFields(entity: CustomFieldEntity, enabled = true): { fields: ReadableCustomFieldResponse[]; isPending: boolean } {
  const { data, isPending } = useQuery({
    queryKey: ['custom-fields', 'readable', entity],
    queryFn: () => api<ReadableCustomFieldResponse[]>(`/custom-fields/readable?${new URLSearchParams({ entity }).toString()}`),
    enabled,
    staleTime: 60_000,
  });
  return { fields: data ?? NO_FIELDS, isPending: enabled && isPending };
}

const NO_FIELDS: ReadableCustomFieldResponse[] = [];
