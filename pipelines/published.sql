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
), per_report AS (
    -- the figure in each matching report (the same report may be in the corpus twice, e.g. as HTML and as text)
    SELECT source, report_year, agency_contains, definition, published, quote, report_id,
           CASE definition
               WHEN 'new_received'               THEN new_received
               WHEN 'total_processed'            THEN total_processed
               WHEN 'carried_forward'            THEN carried_forward
               WHEN 'granted_plus_partial'       THEN granted + partially_granted
               WHEN 'granted_plus_partial_share' THEN round((granted + partially_granted) / nullif(total_processed, 0), 4)
           END::DOUBLE AS figure
    FROM matched
), computed AS (
    SELECT source, report_year, agency_contains, definition, published, quote,
           count(report_id) AS reports,
           -- reports that agree give their figure; reports that disagree give none (a mismatch)
           CASE WHEN min(figure) = max(figure) THEN min(figure) END AS corpus
    FROM per_report GROUP BY source, report_year, agency_contains, definition, published, quote
)
SELECT *, CASE WHEN reports = 0 THEN 'not_enough_reports'
               WHEN corpus = published THEN 'match'
               ELSE 'mismatch' END AS verdict
FROM computed ORDER BY source, definition;
