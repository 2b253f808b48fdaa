-- The caseworker's case list filtered by a custom single-choice case field (issue 18), as a hand-written
-- application would ask for it (pgbench; :org, :cw and :match are passed quoted with -D, :match being
-- '{"<field id>": "<option id>"}'): the first page of 25 of their active cases holding that option,
-- newest first, with the survivor's alias and the record's custom values (the field is shown in the
-- rows), and the total. The same containment custom-list.ts builds; the GIN index ix_survivor_case_custom
-- (jsonb_path_ops) and lantern_bench_case_cw_status_opened (setup.sql) are there for the planner to pick.
SELECT c.id, c.organization_id, c.case_number, c.survivor_id, s.alias, c.status, c.assigned_caseworker_id, c.assigned_at,
       c.risk_level, c.referral_source, c.exploitation_types, c.opened_at, c.closed_at, c.exit_destination, c.closure_reason,
       c.last_contact_at, c.created_at, c.updated_at, c.version, c.custom
  FROM survivor_case c JOIN survivor s ON s.id = c.survivor_id
 WHERE c.organization_id = :org AND c.assigned_caseworker_id = :cw AND c.status = 'active' AND c.custom @> CAST(:match AS jsonb)
 ORDER BY c.opened_at DESC, c.id
 LIMIT 25;
SELECT count(*) FROM survivor_case
 WHERE organization_id = :org AND assigned_caseworker_id = :cw AND status = 'active' AND custom @> CAST(:match AS jsonb);
