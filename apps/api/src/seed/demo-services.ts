import type { ServiceCategory, ServiceType } from '@lantern/contracts';
import type { EntityManager } from 'typeorm';

/**
 * The services given, for the demo (issue 16): without them the funder reports and every case's
 * Services tab show nothing. Written from the demo's own cases and referrals, so they agree with them:
 * - the program's staff gave two or three services on most cases, a week or two apart from the case's
 *   opening, never after it closed nor in the future (the same rules as POST /service-deliveries);
 * - each partner organization gave the service of each referral it started or completed, logged on that
 *   referral as the organization, on the day it started it;
 * - one case in six has a T-visa application, some of them decided, and Continued Presence requested.
 * Choices follow a hash of the case id: every fresh demo shows the same figures. No note is written (notes
 * are encrypted narratives; the demo has no reason to invent any).
 */
const STAFF_SERVICES: readonly ServiceCategory[] = [
  'individual_advocacy',
  'crisis_intervention',
  'individual_counseling',
  'transportation_assistance',
  'interpreter_services',
  'victim_rights_information',
  'referral_victim_services',
  'immigration_assistance',
  'support_group',
  'emergency_financial_assistance',
];

/** The service a partner organization gives for a referral of each type. */
const PARTNER_SERVICE_OF: Record<ServiceType, ServiceCategory> = {
  housing: 'transitional_housing',
  shelter: 'emergency_shelter',
  vocational: 'referral_other_services',
  education: 'referral_other_services',
  legal: 'family_law_assistance',
  medical: 'medical_care_accompaniment',
  mental_health: 'individual_counseling',
  immigration: 'immigration_legal_assistance',
  financial: 'emergency_financial_assistance',
  other: 'referral_other_services',
};

export async function seedDemoServices(manager: EntityManager, organizationId: string, now: Date): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  // Staff: the k-th service 4 + 9k days after opening (k = 1..3), on four cases in five.
  await manager.query(
    `INSERT INTO service_delivery (organization_id, case_id, survivor_id, delivered_on, category, provider_kind, provider_user_id, units, duration_minutes, created_by, created_at, updated_at)
     SELECT c.organization_id, c.id, c.survivor_id, d.day, ($3::text[])[1 + (abs(hashtext(c.id::text || k)) % cardinality($3::text[]))],
            'staff', c.assigned_caseworker_id, 1, 30 + 15 * (abs(hashtext(c.id::text || 'm' || k)) % 5), c.assigned_caseworker_id, c.opened_at + (4 + 9 * k) * interval '1 day', c.opened_at + (4 + 9 * k) * interval '1 day'
       FROM survivor_case c
       CROSS JOIN generate_series(1, 3) k
       CROSS JOIN LATERAL (SELECT (c.opened_at + (4 + 9 * k) * interval '1 day')::date AS day) d
      WHERE c.organization_id = $1 AND c.assigned_caseworker_id IS NOT NULL
        AND abs(hashtext(c.id::text)) % 5 <> 0
        AND k <= 1 + abs(hashtext(c.id::text || 'n')) % 3
        AND d.day <= $2::date AND (c.closed_at IS NULL OR d.day <= c.closed_at::date)`,
    [organizationId, today, STAFF_SERVICES],
  );
  // Partners: the service of each referral they started (in progress) or completed, on the day they started it.
  const types = Object.keys(PARTNER_SERVICE_OF);
  await manager.query(
    `INSERT INTO service_delivery (organization_id, case_id, survivor_id, delivered_on, category, provider_kind, partner_org_id, referral_id, units, created_at, updated_at)
     SELECT r.organization_id, r.case_id, r.survivor_id, r.started_at::date, ($3::text[])[array_position($2::text[], r.service_type::text)],
            'partner_org', r.partner_org_id, r.id, 1 + abs(hashtext(r.id::text)) % 10, r.started_at, r.started_at
       FROM referral r
      WHERE r.organization_id = $1 AND r.status IN ('in_progress', 'completed') AND r.started_at IS NOT NULL AND r.started_at <= $4`,
    [organizationId, types, types.map((t) => PARTNER_SERVICE_OF[t as ServiceType]), now],
  );
  // Immigration relief on one case in six: applied 30 days after opening; decided 200 days later when that
  // has passed (two in three approved); Continued Presence requested 10 days after opening, granted later.
  await manager.query(
    `INSERT INTO immigration_relief (organization_id, case_id, survivor_id, t_visa_status, t_visa_applied_on, t_visa_decided_on,
                                     continued_presence_status, continued_presence_requested_on, continued_presence_decided_on, created_at, updated_at)
     SELECT c.organization_id, c.id, c.survivor_id,
            CASE WHEN d.decided <= $2::date THEN (CASE WHEN abs(hashtext(c.id::text || 't')) % 3 = 0 THEN 'denied' ELSE 'approved' END) ELSE 'applied' END,
            d.applied, CASE WHEN d.decided <= $2::date THEN d.decided END,
            CASE WHEN d.granted <= $2::date THEN 'granted' ELSE 'requested' END, d.requested, CASE WHEN d.granted <= $2::date THEN d.granted END,
            c.opened_at, c.opened_at
       FROM survivor_case c
       CROSS JOIN LATERAL (SELECT (c.opened_at + interval '30 days')::date AS applied, (c.opened_at + interval '230 days')::date AS decided,
                                  (c.opened_at + interval '10 days')::date AS requested, (c.opened_at + interval '70 days')::date AS granted) d
      WHERE c.organization_id = $1 AND abs(hashtext(c.id::text || 'r')) % 6 = 0 AND d.applied <= $2::date`,
    [organizationId, today],
  );
}
