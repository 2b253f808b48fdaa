-- After the SQL lines (and before the API lines, in case an interrupted run left them): the API is
-- measured on its own schema only.
DROP INDEX IF EXISTS lantern_bench_case_cw_status_opened;
DROP INDEX IF EXISTS lantern_bench_referral_partner_sent;
DROP SCHEMA IF EXISTS lantern_bench CASCADE;
