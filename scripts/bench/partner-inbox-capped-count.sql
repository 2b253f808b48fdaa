-- The count of partner-inbox.sql a client gets when it asks for a capped one (`Prefer: count=capped`,
-- docs/architecture.md, "Capped counts"); scripts/bench-vs-sql.mjs (`cappedFile`) runs it after that file's
-- page. Written by hand, as the count's best form changes with the cap: it stops at :cap referrals (1,001),
-- so it tests each one's grounds as the page does, one row at a time (`OFFSET 0`), rather than first reading
-- every live consent of the partner for hashed subplans.
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
