import type { CreateServiceDeliveryBody, ServiceDeliveryResponse, UpdateServiceDeliveryBody } from '@lantern/contracts';
import { api } from '../../providers/http';

const path = (id: string) => encodeURIComponent(id);

/** Writes go straight to the API (issue 16); reads use react-admin's lists (`service-deliveries`). */
export const servicesApi = {
  create: (body: CreateServiceDeliveryBody) => api<ServiceDeliveryResponse>('/service-deliveries', { method: 'POST', body }),
  update: (id: string, body: UpdateServiceDeliveryBody) => api<ServiceDeliveryResponse>(`/service-deliveries/${path(id)}`, { method: 'PUT', body }),
  void: (id: string, version: number, reason: string) =>
    api<ServiceDeliveryResponse>(`/service-deliveries/${path(id)}/void`, { method: 'POST', body: { version, reason } }),
};
