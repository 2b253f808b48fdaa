-- The partner's inbox as a hand-written application would ask for it, with the API's answer: referrals
-- sent to their partner organization and still open (sent, accepted, in progress) while the organization
-- is active, each on its grounds (docs/security-model.md, "Partner staff"): a live consent of the survivor
-- to share with this partner, or a coordinator's recorded override that no refused consent contradicts.
-- Newest first, the columns the partner may see with the case number and the survivor's alias, and the
-- total. The bench checks that this total is the API's Content-Range total (scripts/bench-vs-sql.mjs).
-- Indexes: ix_referral_partner_open (partner_org_id, status) INCLUDE (..., survivor_id,
-- consent_override_reason) for the count, lantern_bench_referral_partner_sent for the page, and the
-- consent's ix_consent_partner_grounds (partner_org_id, purpose, survivor_id) for each row's grounds.
-- The page tests its 25 rows' grounds one row at a time: PostgreSQL would otherwise turn each EXISTS into
-- a hashed subplan and first read every live consent of the partner (46,599 at 100,000 cases), which
-- `OFFSET 0` in the subquery prevents (the API's page does the same, rules-to-sql.ts `RelationForm`). The
-- count, which tests every open referral, is better served by those hashed subplans, and keeps them.
-- partner-inbox-capped-count.sql is the count a client gets with `Prefer: count=capped`.
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
SELECT count(*)
  FROM referral r
 WHERE r.organization_id = :org AND r.partner_org_id = :partner AND r.sent_at IS NOT NULL
   AND r.status IN ('sent', 'accepted', 'in_progress')
   AND EXISTS (SELECT 1 FROM partner_org p WHERE p.id = :partner AND p.active)
   AND CASE WHEN r.consent_override_reason IS NOT NULL
            THEN NOT EXISTS (SELECT 1 FROM consent g WHERE g.partner_org_id = :partner AND g.purpose = 'share_with_partner'
                                AND g.survivor_id = r.survivor_id AND g.revoked_at IS NOT NULL)
            ELSE EXISTS (SELECT 1 FROM consent g WHERE g.partner_org_id = :partner AND g.purpose = 'share_with_partner'
                            AND g.survivor_id = r.survivor_id AND g.revoked_at IS NULL
                            AND (g.granted_at IS NULL OR g.granted_at <= now()) AND (g.expires_at IS NULL OR g.expires_at > now()))
       END;
