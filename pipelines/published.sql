-- Published figures (data/published/figures.csv) against the extracted corpus (after pipelines/views.sql).
-- SET VARIABLE ogi_published = 'data/published/figures.csv'; then: SELECT * FROM published_check;
CREATE OR REPLACE VIEW published AS
SELECT * FROM read_csv(getvariable('ogi_published'), header = true, all_varchar = true);

CREATE OR REPLACE VIEW published_check AS
WITH matched AS (
    SELECT p.source, p.report_year::SMALLINT AS report_year, p.agency_contains, p.definition,
           p.value::DOUBLE AS published, p.quote,
           t.report_id, t.new_received, t.total_processed, t.carried_forward, t.granted, t.partially_granted
    FROM published p
    LEFT JOIN report_totals t
      ON t.report_year = p.report_year::SMALLINT AND contains(t.agency, p.agency_contains)
     AND t.total_processed IS NOT NULL
), computed AS (
    SELECT source, report_year, agency_contains, definition, published, quote,
           count(report_id) AS reports,
           CASE definition
               WHEN 'new_received'               THEN sum(new_received)
               WHEN 'total_processed'            THEN sum(total_processed)
               WHEN 'carried_forward'            THEN sum(carried_forward)
               WHEN 'granted_plus_partial'       THEN sum(granted + partially_granted)
               WHEN 'granted_plus_partial_share' THEN round(sum(granted + partially_granted) / nullif(sum(total_processed), 0), 4)
           END::DOUBLE AS corpus
    FROM matched GROUP BY source, report_year, agency_contains, definition, published, quote
)
SELECT *, CASE WHEN reports = 0 THEN 'not_enough_reports'
               WHEN corpus = published THEN 'match'
               ELSE 'mismatch' END AS verdict
FROM computed ORDER BY source, definition;
