-- Before the SQL lines of the caseload benchmark (scripts/bench-caseload.mjs, BENCH_SCENARIO=caseload):
-- what a hand-written application would have for these pages, in a schema of its own so the API's tables
-- are left as they are. Run by psql with -v org=... -v cw=... (the heavy caseworker, whose cases the
-- case-detail line rotates through). scripts/bench/teardown.sql removes all of it.
CREATE SCHEMA IF NOT EXISTS lantern_bench;

-- The right indexes for the pages: the caseworker's list (their cases of a status, newest first) and the
-- partner's inbox (sent referrals to one partner, newest first). The coordinator's list already has
-- ix_survivor_case_org_status (organization_id, status, opened_at).
CREATE INDEX IF NOT EXISTS lantern_bench_case_cw_status_opened ON survivor_case (organization_id, assigned_caseworker_id, status, opened_at);
CREATE INDEX IF NOT EXISTS lantern_bench_referral_partner_sent ON referral (partner_org_id, sent_at) INCLUDE (organization_id) WHERE sent_at IS NOT NULL;

-- The case ids the case-detail line rotates through (pgbench has no arrays): i = 1..n.
DROP TABLE IF EXISTS lantern_bench.case_ids;
CREATE TABLE lantern_bench.case_ids (i int PRIMARY KEY, id uuid NOT NULL);
INSERT INTO lantern_bench.case_ids
SELECT row_number() OVER (ORDER BY opened_at, id), id FROM survivor_case
 WHERE organization_id = :'org' AND assigned_caseworker_id = :'cw';

-- An audit table shaped like audit_event (as of this benchmark's writing), with its indexes, so the
-- audited read writes a row of the same width without touching the real hash chain (the hand-written list
-- server, scripts/bench-bare-list.mjs, writes its list rows here too, naming the records in subject_ids).
CREATE TABLE IF NOT EXISTS lantern_bench.audit_like (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  version integer NOT NULL DEFAULT 1,
  seq bigserial NOT NULL,
  chain_id uuid NOT NULL,
  organization_id uuid,
  occurred_at timestamptz NOT NULL,
  actor_id uuid,
  actor_role varchar(20),
  action varchar(32) NOT NULL,
  subject_type varchar(40),
  subject_id uuid,
  subject_ids uuid[],
  fields varchar(64)[] NOT NULL DEFAULT '{}',
  outcome varchar(10) NOT NULL,
  request_id varchar(64),
  ip varchar(64),
  reason varchar(500),
  prev_hash varchar(64) NOT NULL,
  row_hash varchar(64) NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS lantern_bench_audit_chain_seq ON lantern_bench.audit_like (chain_id, seq);
CREATE INDEX IF NOT EXISTS lantern_bench_audit_actor ON lantern_bench.audit_like (actor_id, occurred_at);
CREATE INDEX IF NOT EXISTS lantern_bench_audit_subject ON lantern_bench.audit_like (subject_type, subject_id);
CREATE INDEX IF NOT EXISTS lantern_bench_audit_org_time ON lantern_bench.audit_like (organization_id, occurred_at);
-- As audit_event's: a case's history finds the list reads that named it.
CREATE INDEX IF NOT EXISTS lantern_bench_audit_subject_ids ON lantern_bench.audit_like USING gin (subject_ids);

ANALYZE lantern_bench.case_ids;
ANALYZE survivor_case;
ANALYZE referral;
