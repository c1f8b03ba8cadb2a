-- Questions a researcher starts a panel study with (after pipelines/views.sql; `ogi run` or `ogi across` wrote
-- panel.parquet and cross_checks.parquet). Each view is one question; SELECT * FROM <view> to answer it.

-- Written by `ogi across` (and `ogi run`) over the whole output, never per shard.
CREATE OR REPLACE VIEW cross_checks AS SELECT * FROM read_parquet(getvariable('ogi_out') || '/cross_checks.parquet');
CREATE OR REPLACE VIEW panel        AS SELECT * FROM read_parquet(getvariable('ogi_out') || '/panel.parquet');

-- Agencies with a report for every year from 2019 to the last year of the corpus.
CREATE OR REPLACE VIEW agencies_every_year AS
WITH span AS (SELECT max(report_year) AS last FROM panel)
SELECT agency_id, any_value(agency) AS agency, any_value(admin_level) AS admin_level,
       count(*) AS years, min(report_year) AS first_year, max(report_year) AS last_year
FROM panel, span
WHERE report_year >= 2019
GROUP BY agency_id, span.last
HAVING count(DISTINCT report_year) = span.last - 2019 + 1
ORDER BY agency_id;

-- Runs of consecutive years with zero new applications (islands of new_received = 0), longest first.
CREATE OR REPLACE VIEW zero_application_streaks AS
WITH z AS (
    SELECT agency_id, agency, report_year,
           report_year - row_number() OVER (PARTITION BY agency_id ORDER BY report_year) AS island
    FROM panel WHERE new_received = 0
)
SELECT agency_id, any_value(agency) AS agency, min(report_year) AS from_year, max(report_year) AS to_year,
       count(*) AS years
FROM z GROUP BY agency_id, island
ORDER BY years DESC, agency_id, from_year;

-- The largest year-over-year jumps in new applications (the panel's `jump` flag: ≥ 5× or ≤ 0.2×, the larger
-- year ≥ 10), with the reports to open.
CREATE OR REPLACE VIEW largest_jumps AS
SELECT agency_id, agency, admin_level, report_year, prev_new_received, new_received, new_received_ratio,
       prev_report_id, report_id
FROM panel WHERE jump
ORDER BY greatest(coalesce(new_received_ratio, 1e9), 1 / nullif(new_received_ratio, 0)) DESC, agency_id, report_year;

-- Agencies whose carry-over does not chain: last year's 结转下年度 ≠ this year's 上年结转, column by column.
CREATE OR REPLACE VIEW broken_carry AS
SELECT c.agency_id, p.agency, c.report_year, c.subject AS requester,
       c.expected AS carried_forward_last_year, c.found AS carried_over_this_year,
       c.other_report_id AS last_year_report, c.report_id
FROM cross_checks c JOIN panel p ON p.report_id = c.report_id
WHERE c.identity = 'carry' AND c.status = 'failed'
ORDER BY c.agency_id, c.report_year, c.subject;

-- A summary against its members: each figure of a jurisdiction summary, the sum over the member reports the
-- corpus holds, how many members, and what that says (ok; failed = members exceed the summary; not_assessable =
-- the corpus holds part of the jurisdiction — coverage, not a mismatch).
CREATE OR REPLACE VIEW summary_vs_members AS
SELECT r.agency, c.report_year, c.subject AS figure, c.expected AS summary, c.found AS members_sum, c.members,
       CASE WHEN c.expected > 0 THEN c.found::DOUBLE / c.expected END AS coverage, c.status, c.note, c.report_id
FROM cross_checks c JOIN reports r USING (report_id)
WHERE c.identity = 'summary_members'
ORDER BY r.agency, c.report_year, c.subject;
