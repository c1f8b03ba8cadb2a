-- The agency panel of `ogi across` (panel.parquet), computed by DuckDB from the extraction
-- (after pipelines/views.sql and pipelines/trends.sql). One row per agency_id × report_year:
--   the report that stands for the agency that year: its own report (scope = 'agency') before a summary it also
--   published, then the first in corpus order (source_path); reports_that_year says how many there were;
--   the headline figures (总计 column; blank = 0) as in pipelines/trends.sql, except that a pre-2019 report's
--   total_processed, not_disclosed and not_disclosed_share are NULL (its 答复 count is not the （七）总计);
--   prev_<figure> (the agency's report of the year before) and change_<figure> = figure − prev_<figure>;
--   new_received_ratio = new_received / prev_new_received (NULL where the previous year received 0);
--   first_year_of_agency; missing_prev_year (an earlier year exists, the year before does not);
--   jump: new_received ≥ 5 × prev or ≤ prev / 5, where the larger of the two is ≥ 10;
--   carry: last year's 结转下年度 = this year's 上年结转 in every requester column — 'failed' if a column differs,
--   'ok' if one was compared, else 'not_assessable'; stock: the Article 20 stock carried from last year
--   (t2021: 现行有效 = last year's + 本年制发 − 本年废止; t2019: 上一年项目数量 = last year's + 本年增/减).
-- The carry and stock statuses are computed here from the cells; `ogi across` takes them from
-- cross_checks.parquet: the tests check that both give the same panel. (Only a stock that fails on a glued
-- row — no way of cutting its digits chains — is taken from cross_checks: the cells here are empty.)

CREATE OR REPLACE VIEW panel_reports AS
SELECT t.report_id, t.report_year, r.agency_id, r.agency, r.admin_level, r.agency_kind, r.province, r.prefecture,
       r.county, r.division_code, r.template, r.scope, r.source_path, r.identity_violations,
       t.new_received, t.carried_over,
       CASE WHEN t.pre2019 THEN NULL ELSE t.total_processed END AS total_processed,
       t.carried_forward, t.granted, t.partially_granted, t.denied,
       CASE WHEN t.pre2019 THEN NULL ELSE t.not_disclosed END AS not_disclosed,
       t.reviews, t.litigations, t.corrected_reviews + t.corrected_litigations AS corrected,
       count(*) OVER (PARTITION BY r.agency_id, t.report_year) AS reports_that_year,
       row_number() OVER (PARTITION BY r.agency_id, t.report_year
                          ORDER BY r.scope IS DISTINCT FROM 'agency', r.source_path) AS pick
FROM trend_reports t JOIN reports r USING (report_id)
WHERE r.agency_id IS NOT NULL AND t.report_year IS NOT NULL;

CREATE OR REPLACE VIEW panel_rows AS
SELECT * EXCLUDE (pick),
       CASE WHEN total_processed > 0 THEN not_disclosed::DOUBLE / total_processed END AS not_disclosed_share
FROM panel_reports WHERE pick = 1;

CREATE OR REPLACE VIEW panel_cells AS
SELECT report_id, row, requester, coalesce(value, CASE WHEN blank THEN 0 END) AS n
FROM applications WHERE row IN ('carried_over', 'carried_forward');

CREATE OR REPLACE VIEW panel_carry AS
SELECT c.report_id,
       CASE WHEN bool_or(pf.n IS NOT NULL AND co.n IS NOT NULL AND pf.n <> co.n) THEN 'failed'
            WHEN bool_or(pf.n IS NOT NULL AND co.n IS NOT NULL) THEN 'ok' ELSE 'not_assessable' END AS carry
FROM panel_rows c
JOIN panel_rows p ON p.agency_id = c.agency_id AND p.report_year + 1 = c.report_year
JOIN panel_cells pf ON pf.report_id = p.report_id AND pf.row = 'carried_forward'
JOIN panel_cells co ON co.report_id = c.report_id AND co.row = 'carried_over' AND co.requester = pf.requester
WHERE c.template IN ('t2019', 't2021') AND p.template IN ('t2019', 't2021')
GROUP BY c.report_id;

CREATE OR REPLACE VIEW panel_measures AS
SELECT report_id, item,
       max(value) FILTER (WHERE measure = 'issued') AS issued,
       max(value) FILTER (WHERE measure = 'repealed') AS repealed,
       max(value) FILTER (WHERE measure = 'in_force') AS in_force,
       max(value) FILTER (WHERE measure = 'previous_count') AS previous_count,
       max(value) FILTER (WHERE measure = 'change') AS change
FROM proactive GROUP BY report_id, item;

CREATE OR REPLACE VIEW panel_stock AS
WITH pairs AS (
    SELECT c.report_id, c.template AS t, p.template AS pt, cm.item,
           CASE WHEN c.template = 't2021' THEN pm.in_force + cm.issued - cm.repealed
                ELSE pm.previous_count + pm.change END AS expected,
           CASE WHEN c.template = 't2021' THEN cm.in_force ELSE cm.previous_count END AS found
    FROM panel_rows c
    JOIN panel_rows p ON p.agency_id = c.agency_id AND p.report_year + 1 = c.report_year
    JOIN panel_measures cm ON cm.report_id = c.report_id
    JOIN panel_measures pm ON pm.report_id = p.report_id AND pm.item = cm.item
    WHERE c.template = p.template AND c.template IN ('t2019', 't2021')
      AND cm.item IN ('rules', 'normative_documents', 'licensing', 'other_services', 'penalty', 'coercion', 'fees')
)
SELECT report_id,
       CASE WHEN bool_or(expected IS NOT NULL AND found IS NOT NULL AND abs(expected - found) >= 0.5) THEN 'failed'
            WHEN bool_or(expected IS NOT NULL AND found IS NOT NULL) THEN 'ok' ELSE 'not_assessable' END AS stock
FROM pairs GROUP BY report_id;

-- A row printed glued (`1016` for 本年制发/本年废止/现行有效) has no cells here; `ogi across` tries every way it cuts
-- and fails the stock where none chains. Those failures are taken from cross_checks.
CREATE OR REPLACE VIEW panel_stock_glued AS
SELECT DISTINCT report_id
FROM read_parquet(getvariable('ogi_out') || '/cross_checks.parquet')
WHERE identity = 'article20_stock' AND status = 'failed' AND starts_with(note, 'no reading of the glued row');

CREATE OR REPLACE VIEW panel_sql AS
WITH firsts AS (SELECT agency_id, min(report_year) AS first_year FROM panel_rows GROUP BY agency_id)
SELECT c.agency_id, c.report_year, c.reports_that_year::INTEGER AS reports_that_year,
       c.report_id, c.agency, c.admin_level, c.agency_kind, c.province, c.prefecture, c.county, c.division_code,
       c.template, c.scope, c.source_path, c.identity_violations, c.not_disclosed,
       c.new_received, p.new_received AS prev_new_received, c.new_received - p.new_received AS change_new_received,
       c.carried_over, p.carried_over AS prev_carried_over, c.carried_over - p.carried_over AS change_carried_over,
       c.total_processed, p.total_processed AS prev_total_processed,
       c.total_processed - p.total_processed AS change_total_processed,
       c.carried_forward, p.carried_forward AS prev_carried_forward,
       c.carried_forward - p.carried_forward AS change_carried_forward,
       c.granted, p.granted AS prev_granted, c.granted - p.granted AS change_granted,
       c.partially_granted, p.partially_granted AS prev_partially_granted,
       c.partially_granted - p.partially_granted AS change_partially_granted,
       c.denied, p.denied AS prev_denied, c.denied - p.denied AS change_denied,
       c.not_disclosed_share, p.not_disclosed_share AS prev_not_disclosed_share,
       c.not_disclosed_share - p.not_disclosed_share AS change_not_disclosed_share,
       c.reviews, p.reviews AS prev_reviews, c.reviews - p.reviews AS change_reviews,
       c.litigations, p.litigations AS prev_litigations, c.litigations - p.litigations AS change_litigations,
       c.corrected, p.corrected AS prev_corrected, c.corrected - p.corrected AS change_corrected,
       p.report_id AS prev_report_id,
       CASE WHEN p.new_received > 0 THEN c.new_received::DOUBLE / p.new_received END AS new_received_ratio,
       c.report_year = f.first_year AS first_year_of_agency,
       p.report_id IS NULL AND c.report_year > f.first_year AS missing_prev_year,
       coalesce(p.new_received IS NOT NULL AND greatest(c.new_received, p.new_received) >= 10
                AND (c.new_received >= 5 * p.new_received OR 5 * c.new_received <= p.new_received), false) AS jump,
       coalesce(k.carry, 'not_assessable') AS carry,
       CASE WHEN s.stock = 'failed' OR g.report_id IS NOT NULL THEN 'failed'
            ELSE coalesce(s.stock, 'not_assessable') END AS stock
FROM panel_rows c
JOIN firsts f USING (agency_id)
LEFT JOIN panel_rows p ON p.agency_id = c.agency_id AND p.report_year + 1 = c.report_year
LEFT JOIN panel_carry k ON k.report_id = c.report_id
LEFT JOIN panel_stock s ON s.report_id = c.report_id
LEFT JOIN panel_stock_glued g ON g.report_id = c.report_id
ORDER BY c.agency_id, c.report_year;
