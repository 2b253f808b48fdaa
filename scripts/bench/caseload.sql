-- The caseworker's caseload dashboard (GET /cases/caseload): the two statements CaseloadService runs, as
-- written there (open cases, riskiest and longest without contact first, at most 500, with the active
-- plan's review date and overdue tasks; then the outcome assessments due on those cases), with the page's
-- case ids taken in SQL instead of passed from the application. Index: ix_survivor_case_caseload.
SELECT c.id, c.case_number, s.alias, c.status, c.risk_level, c.last_contact_at, c.opened_at, i.status AS intake_status,
       (p.review_date < current_date) AS review_overdue,
       (SELECT count(*)::int FROM task t WHERE t.plan_id = p.id AND t.done_at IS NULL AND t.due_date < current_date) AS overdue_tasks
  FROM survivor_case c
  JOIN survivor s ON s.id = c.survivor_id
  LEFT JOIN intake i ON i.case_id = c.id
  LEFT JOIN service_plan p ON p.case_id = c.id AND p.status = 'active'
 WHERE c.assigned_caseworker_id = :cw AND c.organization_id = :org AND c.status <> 'closed'
 ORDER BY CASE c.risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END,
          c.last_contact_at ASC NULLS FIRST
 LIMIT 500;
SELECT c.id AS case_id, st.stage, to_char(c.opened_at::date + st.days, 'YYYY-MM-DD') AS due_on
  FROM survivor_case c CROSS JOIN (VALUES ('intake', 0), ('90_days', 90), ('180_days', 180), ('365_days', 365)) AS st(stage, days)
 WHERE c.assigned_caseworker_id = :cw AND c.organization_id = :org
   AND c.id IN (SELECT id FROM survivor_case WHERE assigned_caseworker_id = :cw AND organization_id = :org AND status <> 'closed'
                 ORDER BY CASE risk_level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END, last_contact_at ASC NULLS FIRST
                 LIMIT 500)
   AND c.status <> 'closed'
   AND c.opened_at::date + st.days <= current_date + 14
   AND c.opened_at::date + st.days >= current_date - 90
   AND NOT EXISTS (SELECT 1 FROM outcome_assessment o WHERE o.case_id = c.id AND o.stage = st.stage);
