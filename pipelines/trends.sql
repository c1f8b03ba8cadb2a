-- The trends table of `ogi trends`, computed by DuckDB from the extraction (after pipelines/views.sql).
-- Same definitions, so that two engines give one answer (tests/python/duckdb_trends.py compares them):
--   reports                  reports with status ok/partial whose applications table has its four balance rows
--                            (新收, 上年结转, （七）总计, 结转下年度); a truncated table is not counted; and
--                            pre-2019 reports that state the applications received (pre2019_reports of them)
--   not_disclosed            Σ per report (total_processed − granted − partially_granted); 0 for pre-2019 reports,
--                            whose answers are not comparable (docs/crosswalk.md), as is their total_processed
--   zero_application_rate    zero_application_reports / reports  (new_received total = 0)
--   denied_share             denied / total_processed                       (不予公开, all eight grounds)
--   not_disclosed_share      (total_processed − granted − partially_granted) / total_processed
--   review_correction_rate   corrected_reviews / reviews  (行政复议 结果纠正 / 总计); litigation likewise
-- Blank cells count as 0. Reports whose identities fail are counted: reports_with_violations (any identity) and
-- reports_failing_balance (the balance identity) say how many; `ogi trends --exclude-balance-failures` drops the
-- latter.
-- Scope: jurisdiction summaries (reports.scope = 'jurisdiction': a city's or county's report that sums its
-- agencies) are kept out of the level, province and agency_kind rows, which count agencies; the breakdown
-- 'scope' shows both. SET VARIABLE ogi_include_summaries = true (`ogi trends --include-summaries`) counts them
-- everywhere.

CREATE OR REPLACE VIEW trend_reports AS
WITH apps AS (
    SELECT report_id,
           coalesce(sum(value) FILTER (WHERE row = 'new_received'), 0)          AS new_received,
           coalesce(sum(value) FILTER (WHERE row = 'carried_over'), 0)          AS carried_over,
           coalesce(sum(value) FILTER (WHERE row = 'total_processed'), 0)       AS total_processed,
           coalesce(sum(value) FILTER (WHERE row = 'carried_forward'), 0)       AS carried_forward,
           coalesce(sum(value) FILTER (WHERE row = 'granted'), 0)               AS granted,
           coalesce(sum(value) FILTER (WHERE row = 'partially_granted'), 0)     AS partially_granted,
           coalesce(sum(value) FILTER (WHERE starts_with(row, 'denied_')), 0)   AS denied,
           coalesce(sum(value) FILTER (WHERE starts_with(row, 'unable_')), 0)   AS unable,
           coalesce(sum(value) FILTER (WHERE starts_with(row, 'rejected_')), 0) AS rejected,
           coalesce(sum(value) FILTER (WHERE starts_with(row, 'other')), 0)     AS other,
           bool_or(row = 'new_received') AND bool_or(row = 'carried_over')
             AND bool_or(row = 'total_processed') AND bool_or(row = 'carried_forward') AS complete,
           bool_or(row = 'new_received') AS has_received
    FROM applications WHERE requester = 'total' GROUP BY report_id
), rev AS (
    SELECT report_id,
           coalesce(sum(value) FILTER (WHERE proceeding = 'review' AND outcome = 'total'), 0)                     AS reviews,
           coalesce(sum(value) FILTER (WHERE starts_with(proceeding, 'litigation') AND outcome = 'total'), 0)     AS litigations,
           coalesce(sum(value) FILTER (WHERE proceeding = 'review' AND outcome = 'corrected'), 0)                 AS corrected_reviews,
           coalesce(sum(value) FILTER (WHERE starts_with(proceeding, 'litigation') AND outcome = 'corrected'), 0) AS corrected_litigations
    FROM reviews GROUP BY report_id
)
SELECT r.report_id, r.report_year, r.admin_level, r.province, r.agency_kind, r.scope,
       r.identity_violations > 0 AS violated,
       r.template = 'pre2019' AS pre2019,
       a.* EXCLUDE (report_id, complete, has_received, total_processed),
       -- a pre-2019 答复 count is not the post-2019 （七）总计: kept out of the share denominators
       CASE WHEN r.template = 'pre2019' THEN 0 ELSE a.total_processed END AS total_processed,
       CASE WHEN r.template = 'pre2019' THEN 0
            ELSE a.total_processed - a.granted - a.partially_granted END AS not_disclosed,
       coalesce(b.failing_balance, false) AS failing_balance,
       coalesce(v.reviews, 0) AS reviews, coalesce(v.litigations, 0) AS litigations,
       coalesce(v.corrected_reviews, 0) AS corrected_reviews, coalesce(v.corrected_litigations, 0) AS corrected_litigations
FROM reports r JOIN apps a USING (report_id) LEFT JOIN rev v USING (report_id)
LEFT JOIN (SELECT report_id, true AS failing_balance FROM checks WHERE identity = 'balance' AND NOT ok GROUP BY report_id) b
  USING (report_id)
WHERE r.parse_status IN ('ok', 'partial') AND (a.complete OR (r.template = 'pre2019' AND a.has_received));

CREATE OR REPLACE VIEW trends_sql AS
WITH counted AS (
    SELECT * FROM trend_reports
    WHERE coalesce(getvariable('ogi_include_summaries'), false) OR scope IS DISTINCT FROM 'jurisdiction'
), grouped AS (
    SELECT 'level' AS breakdown, admin_level AS "group", t.* FROM counted t
    UNION ALL BY NAME
    SELECT 'level' AS breakdown, 'all' AS "group", t.* FROM counted t
    UNION ALL BY NAME
    SELECT 'province' AS breakdown, province AS "group", t.* FROM counted t
    UNION ALL BY NAME
    SELECT 'agency_kind' AS breakdown, agency_kind AS "group", t.* FROM counted t
    UNION ALL BY NAME
    SELECT 'scope' AS breakdown, scope AS "group", t.* FROM trend_reports t
), agg AS (
    SELECT breakdown, "group", report_year,
           count(*)                                        AS reports,
           count(*) FILTER (WHERE pre2019)                 AS pre2019_reports,
           count(*) FILTER (WHERE new_received = 0)        AS zero_application_reports,
           count(*) FILTER (WHERE violated)                AS reports_with_violations,
           count(*) FILTER (WHERE failing_balance)         AS reports_failing_balance,
           sum(new_received) AS new_received, sum(carried_over) AS carried_over,
           sum(total_processed) AS total_processed, sum(carried_forward) AS carried_forward,
           sum(granted) AS granted, sum(partially_granted) AS partially_granted,
           sum(denied) AS denied, sum(unable) AS unable, sum(rejected) AS rejected, sum(other) AS other,
           sum(reviews) AS reviews, sum(litigations) AS litigations,
           sum(corrected_reviews) AS corrected_reviews, sum(corrected_litigations) AS corrected_litigations,
           sum(not_disclosed) AS not_disclosed
    FROM grouped GROUP BY ALL
)
SELECT *,
       zero_application_reports / nullif(reports, 0)                                AS zero_application_rate,
       denied / nullif(total_processed, 0)                                          AS denied_share,
       not_disclosed / nullif(total_processed, 0)                                   AS not_disclosed_share,
       corrected_reviews / nullif(reviews, 0)                                       AS review_correction_rate,
       corrected_litigations / nullif(litigations, 0)                               AS litigation_correction_rate
FROM agg;
