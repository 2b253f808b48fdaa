-- The partner's inbox: referrals sent to their partner organization (never drafts), newest first, the
-- columns the partner may see, and the total. Index: (partner_org_id, sent_at) INCLUDE (organization_id)
-- WHERE sent_at IS NOT NULL (the count is an index-only scan).
SELECT r.id, r.service_type, r.urgency, r.shared_fields, r.status, r.sent_at, r.responded_at, r.started_at, r.completed_at,
       r.cancelled_at, r.decline_reason, r.suggested_partner_org_id, r.outcome_note, r.created_at, r.updated_at, r.version
  FROM referral r
 WHERE r.organization_id = :org AND r.partner_org_id = :partner AND r.sent_at IS NOT NULL
 ORDER BY r.sent_at DESC, r.id
 LIMIT 25;
SELECT count(*) FROM referral WHERE organization_id = :org AND partner_org_id = :partner AND sent_at IS NOT NULL;
