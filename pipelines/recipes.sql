-- Standard published definitions, by report year × administrative level (after pipelines/views.sql).
-- Each recipe states its numerator and denominator; blank cells count as 0; reports whose identities fail are
-- counted (filter on identity_violations = 0 to leave them out). Rows: one per report_year × admin_level, plus
-- admin_level = 'all'. Like the trends, they count agencies: jurisdiction summaries (scope = 'jurisdiction') are
-- left out (they sum agencies that report themselves), and so are duplicates.

-- 1. Disclosed share, as Shanghai's city-wide reports state it ("予以公开及部分公开…占…"):
--    (予以公开 + 部分公开) / （七）总计, requester 总计 column.
-- 2. Zero-application rate: reports whose 本年新收 total is 0 / reports with an applications table.
-- 3. Share of "本机关不掌握相关政府信息" among "（四）无法提供": unable_not_held / (unable_not_held +
--    unable_needs_creation + unable_unclear).
CREATE OR REPLACE VIEW recipe_rows AS
SELECT r.report_id, r.report_year, r.admin_level,
       coalesce(sum(a.value) FILTER (WHERE a.row = 'new_received'), 0)      AS new_received,
       coalesce(sum(a.value) FILTER (WHERE a.row = 'total_processed'), 0)   AS total_processed,
       coalesce(sum(a.value) FILTER (WHERE a.row IN ('granted', 'partially_granted')), 0) AS disclosed,
       coalesce(sum(a.value) FILTER (WHERE a.row = 'unable_not_held'), 0)   AS unable_not_held,
       coalesce(sum(a.value) FILTER (WHERE starts_with(a.row, 'unable_')), 0) AS unable
FROM reports r JOIN applications a USING (report_id)
WHERE a.requester = 'total' AND r.parse_status IN ('ok', 'partial') AND r.scope IS DISTINCT FROM 'jurisdiction'
GROUP BY r.report_id, r.report_year, r.admin_level
HAVING bool_or(a.row = 'total_processed');

CREATE OR REPLACE VIEW recipes AS
WITH levels AS (
    SELECT * FROM recipe_rows
    UNION ALL BY NAME
    SELECT * REPLACE ('all' AS admin_level) FROM recipe_rows
)
SELECT report_year, admin_level,
       count(*)                                      AS reports,
       count(*) FILTER (WHERE new_received = 0)      AS zero_application_reports,
       count(*) FILTER (WHERE new_received = 0) / count(*)      AS zero_application_rate,
       sum(disclosed)                                AS disclosed,
       sum(total_processed)                          AS total_processed,
       sum(disclosed) / nullif(sum(total_processed), 0)         AS disclosed_share,
       sum(unable_not_held)                          AS unable_not_held,
       sum(unable)                                   AS unable,
       sum(unable_not_held) / nullif(sum(unable), 0)            AS not_held_share_of_unable
FROM levels
GROUP BY ALL
ORDER BY report_year, admin_level;

-- Copies that fell into different shards (`--shard K/N` marks duplicates within a shard only): pairs of reports
-- with the same bytes (report_id), or the same agency_id, year and applications totals (a page and its text
-- version). One row per later copy (path order), with the report it repeats.
CREATE OR REPLACE VIEW cross_shard_duplicates AS
WITH read_reports AS (
    SELECT r.report_id, r.source_path, r.agency_id, r.report_year,
           string_agg(a.row || '=' || coalesce(a.value, 0), ',' ORDER BY a.row) AS totals
    FROM reports r JOIN applications a USING (report_id)
    WHERE r.parse_status IN ('ok', 'partial') AND a.requester = 'total'
    GROUP BY ALL
), keyed AS (
    SELECT *, coalesce(agency_id || '|' || report_year || '|' || totals, report_id) AS content FROM read_reports
)
SELECT b.source_path, b.report_id, a.source_path AS repeats_path, a.report_id AS repeats_report_id,
       a.report_id = b.report_id AS same_bytes
FROM keyed a JOIN keyed b ON (a.report_id = b.report_id OR a.content = b.content) AND a.source_path < b.source_path
QUALIFY row_number() OVER (PARTITION BY b.source_path ORDER BY a.source_path) = 1;
