-- The coordinator's case list (the whole program) filtered by a custom single-choice case field (issue 18),
-- the field shown in the rows (the record's custom values): first page of 25 active cases holding the
-- option, newest first, with the survivor's alias, and the total. :org and :match ('{"<field id>":
-- "<option id>"}') are passed quoted with -D. The containment is the one custom-list.ts builds; the
-- planner has ix_survivor_case_org_status and the GIN index ix_survivor_case_custom to choose from.
SELECT c.id, c.organization_id, c.case_number, c.survivor_id, s.alias, c.status, c.assigned_caseworker_id, c.assigned_at,
       c.risk_level, c.referral_source, c.exploitation_types, c.opened_at, c.closed_at, c.exit_destination, c.closure_reason,
       c.last_contact_at, c.created_at, c.updated_at, c.version, c.custom
  FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id
 WHERE c.organization_id = :org AND c.status = 'active' AND c.custom @> CAST(:match AS jsonb)
 ORDER BY c.opened_at DESC, c.id
 LIMIT 25;
SELECT count(*) FROM survivor_case WHERE organization_id = :org AND status = 'active' AND custom @> CAST(:match AS jsonb);
