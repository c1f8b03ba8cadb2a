"""Reads an `ogi extract` output directory with the real DuckDB and prints what it sees as JSON.

Used by tests/duckdb.rs, which compares these figures with the Rust side.
"""
import json
import pathlib
import sys

import duckdb

out = sys.argv[1]
con = duckdb.connect()
# Every table the run wrote (the Rust side compares the list with its own).
tables = sorted(p.stem for p in pathlib.Path(out).glob("*.parquet"))
result = {"rows": {}, "schema_version": {}}
for t in tables:
    path = f"{out}/{t}.parquet"
    result["rows"][t] = con.execute(f"select count(*) from read_parquet('{path}')").fetchone()[0]
    kv = con.execute(
        f"select decode(value) from parquet_kv_metadata('{path}') where decode(key) = 'ogi.schema_version'"
    ).fetchall()
    result["schema_version"][t] = kv[0][0] if kv else None
result["new_received_total"] = con.execute(
    f"select sum(value) from read_parquet('{out}/applications.parquet') "
    "where row = 'new_received' and requester = 'total'"
).fetchone()[0]
result["violated_checks"] = con.execute(f"select count(*) from read_parquet('{out}/checks.parquet') where not ok").fetchone()[0]
result["status"] = dict(
    con.execute(f"select parse_status, count(*) from read_parquet('{out}/reports.parquet') group by 1 order by 1").fetchall()
)
# Types as DuckDB reads them (the contract's int16 / date / int64 / bool / double).
result["types"] = {
    name: typ
    for name, typ in con.execute(
        f"select column_name, column_type from (describe select * from read_parquet('{out}/reports.parquet'))"
    ).fetchall()
    if name in ("report_year", "published_date", "source_bytes", "identity_violations")
}
# The views of pipelines/views.sql work over the same directory.
views = open(sys.argv[2], encoding="utf-8").read()
con.execute(f"SET VARIABLE ogi_out = '{out}'")
con.execute(views)
result["views_new_received"] = con.execute("select sum(new_received) from report_totals").fetchone()[0]
result["views_reports"] = con.execute("select count(*) from report_totals").fetchone()[0]
# The published-definition recipes of pipelines/recipes.sql.
recipes = sys.argv[3] if len(sys.argv) > 3 else None
if recipes:
    con.execute(open(recipes, encoding="utf-8").read())
    result["recipes_2022_all"] = list(
        con.execute(
            "select reports, zero_application_reports, disclosed, total_processed, unable_not_held, unable "
            "from recipes where report_year = 2022 and admin_level = 'all'"
        ).fetchone()
    )
# The same views over a sharded, year-partitioned output of the same corpus (OUT/<table>/**/part-K-of-N.parquet).
parts = sys.argv[4] if len(sys.argv) > 4 else None
if parts:
    con.execute(f"SET VARIABLE ogi_out = '{parts}'")
    con.execute("SET VARIABLE ogi_parts = true")
    con.execute(views)
    result["parts_views"] = list(con.execute("select count(*), sum(new_received) from report_totals").fetchone())
    result["parts_rows"] = {
        t: con.execute(f"select count(*) from {t}").fetchone()[0]
        for t in ["reports", "applications", "reviews", "proactive", "checks", "figures", "skipped", "manifest"]
    }
    result["parts_year_type"] = con.execute("select distinct typeof(report_year) from reports").fetchall()[0][0]
print(json.dumps(result, sort_keys=True))
