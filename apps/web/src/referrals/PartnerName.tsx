import type { PartnerOrgResponse } from '@lantern/contracts';
import { useGetManyAggregate } from 'react-admin';

/** A partner organization's name, read (and batched) through the partner-orgs resource. */
export function PartnerName({ partnerOrgId, fallback = 'A partner organization' }: { partnerOrgId: string | null | undefined; fallback?: string }) {
  const { data } = useGetManyAggregate<PartnerOrgResponse>(
    'partner-orgs',
    { ids: partnerOrgId ? [partnerOrgId] : [] },
    { enabled: Boolean(partnerOrgId) },
  );
  if (!partnerOrgId) return <>—</>;
  return <>{data?.[0]?.name ?? fallback}</>;
}

export function usePartnerName(partnerOrgId: string | null | undefined): string | undefined {
  const { data } = useGetManyAggregate<PartnerOrgResponse>(
    'partner-orgs',
    { ids: partnerOrgId ? [partnerOrgId] : [] },
    { enabled: Boolean(partnerOrgId) },
  );
  return data?.[0]?.name;
}
