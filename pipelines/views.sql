-- DuckDB views over an `ogi extract` output directory.
-- Usage (from the repository root, after `make run`):
--   duckdb -c "SET VARIABLE ogi_out = 'out'; .read pipelines/views.sql" ...
-- or, in Python: con.execute("SET VARIABLE ogi_out = 'out'"); con.execute(open('pipelines/views.sql').read())
-- Output of `--shard K/N` or `--by-year` (OUT/<table>/**/part-K-of-N.parquet): also SET VARIABLE ogi_parts = true.
-- Hive partitioning stays off: report_year is a column of the reports files, with the contract's type (int16).

CREATE OR REPLACE VIEW reports      AS SELECT * FROM read_parquet(CASE WHEN coalesce(getvariable('ogi_parts'), false)
    THEN getvariable('ogi_out') || '/reports/**/*.parquet' ELSE getvariable('ogi_out') || '/reports.parquet' END, hive_partitioning = false);
CREATE OR REPLACE VIEW applications AS SELECT * FROM read_parquet(CASE WHEN coalesce(getvariable('ogi_parts'), false)
    THEN getvariable('ogi_out') || '/applications/**/*.parquet' ELSE getvariable('ogi_out') || '/applications.parquet' END, hive_partitioning = false);
CREATE OR REPLACE VIEW reviews      AS SELECT * FROM read_parquet(CASE WHEN coalesce(getvariable('ogi_parts'), false)
    THEN getvariable('ogi_out') || '/reviews/**/*.parquet' ELSE getvariable('ogi_out') || '/reviews.parquet' END, hive_partitioning = false);
CREATE OR REPLACE VIEW proactive    AS SELECT * FROM read_parquet(CASE WHEN coalesce(getvariable('ogi_parts'), false)
    THEN getvariable('ogi_out') || '/proactive/**/*.parquet' ELSE getvariable('ogi_out') || '/proactive.parquet' END, hive_partitioning = false);
CREATE OR REPLACE VIEW checks       AS SELECT * FROM read_parquet(CASE WHEN coalesce(getvariable('ogi_parts'), false)
    THEN getvariable('ogi_out') || '/checks/**/*.parquet' ELSE getvariable('ogi_out') || '/checks.parquet' END, hive_partitioning = false);
CREATE OR REPLACE VIEW figures      AS SELECT * FROM read_parquet(CASE WHEN coalesce(getvariable('ogi_parts'), false)
    THEN getvariable('ogi_out') || '/figures/**/*.parquet' ELSE getvariable('ogi_out') || '/figures.parquet' END, hive_partitioning = false);
CREATE OR REPLACE VIEW skipped      AS SELECT * FROM read_parquet(CASE WHEN coalesce(getvariable('ogi_parts'), false)
    THEN getvariable('ogi_out') || '/skipped/**/*.parquet' ELSE getvariable('ogi_out') || '/skipped.parquet' END, hive_partitioning = false);
CREATE OR REPLACE VIEW manifest     AS SELECT * FROM read_parquet(CASE WHEN coalesce(getvariable('ogi_parts'), false)
    THEN getvariable('ogi_out') || '/manifest/**/*.parquet' ELSE getvariable('ogi_out') || '/manifest.parquet' END, hive_partitioning = false);
CREATE OR REPLACE VIEW codebook     AS SELECT * FROM read_parquet(getvariable('ogi_out') || '/codebook.parquet');

-- One row per report with a parsed applications table: the totals most questions start from.
-- Blank cells count as 0 (the templates print blanks for zero).
CREATE OR REPLACE VIEW report_totals AS
SELECT r.report_id, r.report_year, r.template, r.agency, r.admin_level, r.agency_kind, r.province,
       r.parse_status, r.identity_violations,
       sum(coalesce(a.value, 0)) FILTER (WHERE a.row = 'new_received')      AS new_received,
       sum(coalesce(a.value, 0)) FILTER (WHERE a.row = 'carried_over')      AS carried_over,
       sum(coalesce(a.value, 0)) FILTER (WHERE a.row = 'granted')           AS granted,
       sum(coalesce(a.value, 0)) FILTER (WHERE a.row = 'partially_granted') AS partially_granted,
       sum(coalesce(a.value, 0)) FILTER (WHERE a.row LIKE 'denied_%')       AS denied,
       sum(coalesce(a.value, 0)) FILTER (WHERE a.row LIKE 'unable_%')       AS unable,
       sum(coalesce(a.value, 0)) FILTER (WHERE a.row LIKE 'rejected_%')     AS rejected,
       sum(coalesce(a.value, 0)) FILTER (WHERE a.row LIKE 'other%')         AS other,
       sum(coalesce(a.value, 0)) FILTER (WHERE a.row = 'total_processed')   AS total_processed,
       sum(coalesce(a.value, 0)) FILTER (WHERE a.row = 'carried_forward')   AS carried_forward
FROM reports r JOIN applications a USING (report_id)
WHERE a.requester = 'total' AND r.parse_status IN ('ok', 'partial')
GROUP BY ALL;
