/** Service types a partner organization can offer (docs/data-dictionary.md, PartnerOrg). */
export const SERVICE_TYPES = [
  'housing',
  'shelter',
  'vocational',
  'education',
  'legal',
  'medical',
  'mental_health',
  'immigration',
  'financial',
  'other',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  housing: 'Housing',
  shelter: 'Emergency shelter',
  vocational: 'Vocational training',
  education: 'Education',
  legal: 'Legal aid',
  medical: 'Medical care',
  mental_health: 'Mental health',
  immigration: 'Immigration',
  financial: 'Financial assistance',
  other: 'Other',
};

/** The same in Spanish: the API's notification titles use it; the web's catalogue (es.json) must agree (a web test checks). */
export const SERVICE_TYPE_LABELS_ES: Record<ServiceType, string> = {
  housing: 'Vivienda',
  shelter: 'Albergue de emergencia',
  vocational: 'Formación para el empleo',
  education: 'Educación',
  legal: 'Asesoría legal',
  medical: 'Atención médica',
  mental_health: 'Salud mental',
  immigration: 'Migración',
  financial: 'Apoyo económico',
  other: 'Otro',
};

export interface PartnerOrgResponse {
  id: string;
  organizationId: string;
  name: string;
  serviceTypes: ServiceType[];
  serviceArea: string | null;
  capacity: number;
  acceptingReferrals: boolean;
  contactName: string | null;
  contactEmail: string | null;
  phone: string | null;
  active: boolean;
  languages: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}
