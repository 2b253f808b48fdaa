-- partner-inbox.sql with the count a client gets when it asks for a capped one (`Prefer: count=capped`,
-- docs/architecture.md, "Capped counts"): written by hand, as the count's best form changes with the cap.
-- It stops at :cap referrals (1,001), so it tests each one's grounds as the page does, one row at a time
-- (`OFFSET 0`), rather than first reading every live consent of the partner for hashed subplans.
SELECT r.id, r.service_type, r.urgency, r.shared_fields, r.status, r.sent_at, r.responded_at, r.started_at, r.completed_at,
       r.cancelled_at, r.decline_reason, r.suggested_partner_org_id, r.outcome_note, r.created_at, r.updated_at, r.version,
       c.case_number, s.alias
  FROM referral r
  LEFT JOIN survivor_case c ON c.id = r.case_id
  LEFT JOIN survivor s ON s.id = c.survivor_id
 WHERE r.organization_id = :org AND r.partner_org_id = :partner AND r.sent_at IS NOT NULL
   AND r.status IN ('sent', 'accepted', 'in_progress')
   AND EXISTS (SELECT 1 FROM partner_org p WHERE p.id = :partner AND p.active)
   AND CASE WHEN r.consent_override_reason IS NOT NULL
            THEN NOT EXISTS (SELECT 1 FROM consent g WHERE g.partner_org_id = :partner AND g.purpose = 'share_with_partner'
                                AND g.survivor_id = r.survivor_id AND g.revoked_at IS NOT NULL OFFSET 0)
            ELSE EXISTS (SELECT 1 FROM consent g WHERE g.partner_org_id = :partner AND g.purpose = 'share_with_partner'
                            AND g.survivor_id = r.survivor_id AND g.revoked_at IS NULL
                            AND (g.granted_at IS NULL OR g.granted_at <= now()) AND (g.expires_at IS NULL OR g.expires_at > now()) OFFSET 0)
       END
 ORDER BY r.sent_at DESC, r.id
 LIMIT 25;
SELECT count(*) FROM (
SELECT 1
  FROM referral r
 WHERE r.organization_id = :org AND r.partner_org_id = :partner AND r.sent_at IS NOT NULL
   AND r.status IN ('sent', 'accepted', 'in_progress')
   AND EXISTS (SELECT 1 FROM partner_org p WHERE p.id = :partner AND p.active)
   AND CASE WHEN r.consent_override_reason IS NOT NULL
            THEN NOT EXISTS (SELECT 1 FROM consent g WHERE g.partner_org_id = :partner AND g.purpose = 'share_with_partner'
                                AND g.survivor_id = r.survivor_id AND g.revoked_at IS NOT NULL OFFSET 0)
            ELSE EXISTS (SELECT 1 FROM consent g WHERE g.partner_org_id = :partner AND g.purpose = 'share_with_partner'
                            AND g.survivor_id = r.survivor_id AND g.revoked_at IS NULL
                            AND (g.granted_at IS NULL OR g.granted_at <= now()) AND (g.expires_at IS NULL OR g.expires_at > now()) OFFSET 0)
       END
 LIMIT :cap) capped;
