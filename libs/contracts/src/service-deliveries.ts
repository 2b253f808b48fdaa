/**
 * Issue 16, part 1: the services actually given to a survivor (the start of funder reporting). A
 * service is logged on a case with the date it was given, its category, who gave it (a staff member or
 * a partner organization), how much (units, minutes, or both) and a short note (encrypted at rest).
 *
 * The categories are the victim services of the Office for Victims of Crime's Performance Measurement
 * Tool for VOCA victim assistance grants (the OVC PMT questionnaire: five categories, A to E, each
 * with its numbered services). Lantern stores a word for each service (a stable value that reads in
 * SQL) and keeps the PMT code and the category beside it here, so a report counts by code or by
 * category without a join. The English labels follow the PMT's wording, shortened; the Spanish ones
 * are in the web app's catalogues (lantern.vocab.serviceCategory).
 */

/** The five VOCA service categories (A–E), as the anonymized metrics already name them. */
export const VOCA_CATEGORIES = ['information_referral', 'personal_advocacy', 'emotional_support_safety', 'shelter_housing', 'justice_assistance'] as const;
export type VocaCategory = (typeof VOCA_CATEGORIES)[number];

export const VOCA_CATEGORY_LABELS: Record<VocaCategory, string> = {
  information_referral: 'A. Information and referral',
  personal_advocacy: 'B. Personal advocacy and accompaniment',
  emotional_support_safety: 'C. Emotional support or safety services',
  shelter_housing: 'D. Shelter and housing services',
  justice_assistance: 'E. Criminal and civil justice system assistance',
};

/** The values of `service_delivery.category`, in the PMT's order (A1 … E11). */
export const SERVICE_CATEGORIES = [
  'criminal_justice_information',
  'victim_rights_information',
  'referral_victim_services',
  'referral_other_services',
  'medical_care_accompaniment',
  'forensic_exam_accompaniment',
  'law_enforcement_interview_accompaniment',
  'individual_advocacy',
  'forensic_exam',
  'immigration_assistance',
  'employer_landlord_intervention',
  'dependent_care_assistance',
  'transportation_assistance',
  'interpreter_services',
  'crisis_intervention',
  'hotline_counseling',
  'on_scene_crisis_response',
  'individual_counseling',
  'support_group',
  'other_therapy',
  'emergency_financial_assistance',
  'emergency_shelter',
  'transitional_housing',
  'relocation_assistance',
  'criminal_justice_notification',
  'victim_impact_statement',
  'restitution_assistance',
  'protection_order_assistance',
  'family_law_assistance',
  'other_emergency_justice_assistance',
  'immigration_legal_assistance',
  'prosecution_interview_accompaniment',
  'law_enforcement_interview_justice',
  'criminal_advocacy_accompaniment',
  'other_legal_advice',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** Each service of the OVC PMT: its code, its VOCA category and its English label. */
export const SERVICE_CATEGORY_INFO: Record<ServiceCategory, { code: string; category: VocaCategory; label: string }> = {
  criminal_justice_information: { code: 'A1', category: 'information_referral', label: 'Information about the criminal justice process' },
  victim_rights_information: { code: 'A2', category: 'information_referral', label: 'Information about victim rights and how to obtain notifications' },
  referral_victim_services: { code: 'A3', category: 'information_referral', label: 'Referral to other victim service programs' },
  referral_other_services: { code: 'A4', category: 'information_referral', label: 'Referral to other services, supports and resources' },
  medical_care_accompaniment: { code: 'B1', category: 'personal_advocacy', label: 'Advocacy or accompaniment to emergency medical care' },
  forensic_exam_accompaniment: { code: 'B2', category: 'personal_advocacy', label: 'Advocacy or accompaniment to a medical forensic exam' },
  law_enforcement_interview_accompaniment: { code: 'B3', category: 'personal_advocacy', label: 'Law enforcement interview advocacy or accompaniment' },
  individual_advocacy: { code: 'B4', category: 'personal_advocacy', label: 'Individual advocacy (public benefits, return of property)' },
  forensic_exam: { code: 'B5', category: 'personal_advocacy', label: 'Medical or non-medical forensic exam, interview or evidence collection' },
  immigration_assistance: { code: 'B6', category: 'personal_advocacy', label: 'Immigration assistance (special visas, Continued Presence, other relief)' },
  employer_landlord_intervention: { code: 'B7', category: 'personal_advocacy', label: 'Intervention with an employer, creditor, landlord or school' },
  dependent_care_assistance: { code: 'B8', category: 'personal_advocacy', label: 'Child or dependent care assistance' },
  transportation_assistance: { code: 'B9', category: 'personal_advocacy', label: 'Transportation assistance' },
  interpreter_services: { code: 'B10', category: 'personal_advocacy', label: 'Interpreter services' },
  crisis_intervention: { code: 'C1', category: 'emotional_support_safety', label: 'Crisis intervention (in person, including safety planning)' },
  hotline_counseling: { code: 'C2', category: 'emotional_support_safety', label: 'Hotline or crisis line counseling' },
  on_scene_crisis_response: { code: 'C3', category: 'emotional_support_safety', label: 'On-scene crisis response' },
  individual_counseling: { code: 'C4', category: 'emotional_support_safety', label: 'Individual counseling' },
  support_group: { code: 'C5', category: 'emotional_support_safety', label: 'Support groups (facilitated or peer)' },
  other_therapy: { code: 'C6', category: 'emotional_support_safety', label: 'Other therapy (traditional, cultural or alternative healing; art, writing or play therapy)' },
  emergency_financial_assistance: { code: 'C7', category: 'emotional_support_safety', label: 'Emergency financial assistance' },
  emergency_shelter: { code: 'D1', category: 'shelter_housing', label: 'Emergency shelter or safe house' },
  transitional_housing: { code: 'D2', category: 'shelter_housing', label: 'Transitional housing' },
  relocation_assistance: { code: 'D3', category: 'shelter_housing', label: 'Relocation assistance (including help obtaining housing)' },
  criminal_justice_notification: { code: 'E1', category: 'justice_assistance', label: 'Notification of criminal justice events' },
  victim_impact_statement: { code: 'E2', category: 'justice_assistance', label: 'Victim impact statement assistance' },
  restitution_assistance: { code: 'E3', category: 'justice_assistance', label: 'Assistance with restitution' },
  protection_order_assistance: { code: 'E4', category: 'justice_assistance', label: 'Civil legal assistance in obtaining a protection or restraining order' },
  family_law_assistance: { code: 'E5', category: 'justice_assistance', label: 'Civil legal assistance with family law issues' },
  other_emergency_justice_assistance: { code: 'E6', category: 'justice_assistance', label: 'Other emergency justice-related assistance' },
  immigration_legal_assistance: { code: 'E7', category: 'justice_assistance', label: 'Immigration assistance (legal: special visas, Continued Presence, other relief)' },
  prosecution_interview_accompaniment: { code: 'E8', category: 'justice_assistance', label: 'Prosecution interview advocacy or accompaniment' },
  law_enforcement_interview_justice: { code: 'E9', category: 'justice_assistance', label: 'Law enforcement interview advocacy or accompaniment (justice system)' },
  criminal_advocacy_accompaniment: { code: 'E10', category: 'justice_assistance', label: 'Criminal advocacy or accompaniment' },
  other_legal_advice: { code: 'E11', category: 'justice_assistance', label: 'Other legal advice or counsel' },
};

/** The VOCA category (A–E) of a service. */
export function vocaCategoryOf(category: ServiceCategory): VocaCategory {
  return SERVICE_CATEGORY_INFO[category].category;
}

/** Who gave the service: a staff member of the program, or a partner organization. */
export const SERVICE_PROVIDER_KINDS = ['staff', 'partner_org'] as const;
export type ServiceProviderKind = (typeof SERVICE_PROVIDER_KINDS)[number];

/** The note of a service entry is short (the story belongs in a case note). */
export const SERVICE_NOTE_MAX = 500;
/** Units (nights, sessions, rides…) per entry, and minutes per entry: at most a day. */
export const SERVICE_MAX_UNITS = 10_000;
export const SERVICE_MAX_MINUTES = 1440;
export const SERVICE_VOID_REASON_MAX = 500;

/**
 * A referral must be accepted by the partner (and still open) before its staff log services on it:
 * `accepted` or `in_progress` (a subset of PARTNER_OPEN_REFERRAL_STATUSES).
 */
export const PARTNER_SERVICE_REFERRAL_STATUSES = ['accepted', 'in_progress'] as const;

/**
 * GET /service-deliveries(/:id). Partner staff get their own organization's entries on their referrals
 * without the case, the survivor or the staff provider (those fields are absent for them).
 */
export interface ServiceDeliveryResponse {
  id: string;
  organizationId?: string;
  caseId?: string;
  caseNumber?: string;
  survivorId?: string;
  /** `YYYY-MM-DD`. */
  deliveredOn: string;
  category: ServiceCategory;
  providerKind: ServiceProviderKind;
  providerUserId?: string | null;
  partnerOrgId: string | null;
  referralId: string | null;
  units: number | null;
  durationMinutes: number | null;
  /** Decrypted for those who may read it. */
  note?: string | null;
  /** A voided entry (logged in error) is kept, read-only, and left out of reports. */
  voidedAt: string | null;
  voidReason: string | null;
  createdBy?: string | null;
  createdAt?: string;
  updatedAt?: string;
  version: number;
}

/** POST /service-deliveries. Staff name the case; partner staff name the referral they accepted (its case is taken from it). */
export interface CreateServiceDeliveryBody {
  caseId?: string;
  referralId?: string | null;
  deliveredOn: string;
  category: ServiceCategory;
  /** Staff only; partner staff always log as their partner organization. Default: `staff`. */
  providerKind?: ServiceProviderKind;
  /** For `staff`: who gave it (default: you). */
  providerUserId?: string | null;
  /** For `partner_org`: which partner organization gave it. */
  partnerOrgId?: string | null;
  units?: number | null;
  durationMinutes?: number | null;
  note?: string | null;
}

/** PUT /service-deliveries/:id: a correction (only the fields given change); the case never changes. */
export type UpdateServiceDeliveryBody = Partial<Omit<CreateServiceDeliveryBody, 'caseId'>> & { version: number };
