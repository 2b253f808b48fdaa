import type { ConsentCustomItemResponse } from '@lantern/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../providers/http';

/**
 * The organization's shareable custom fields a consent to share with a partner may name (`cf:<field
 * id>`; docs/custom-fields.md, "Sharing with partners"): definitions only, no value of any record.
 */
export function useConsentCustomItems(enabled: boolean) {
  return useQuery({
    queryKey: ['consents', 'custom-items'],
    queryFn: () => api<ConsentCustomItemResponse[]>('/consents/custom-items'),
    enabled,
    staleTime: 60_000,
  });
}
