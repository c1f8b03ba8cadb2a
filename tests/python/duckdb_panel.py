"""Two engines, one answer: the panel `ogi across` wrote with Polars (OUT/panel.parquet, its carry and stock
statuses from cross_checks.parquet) against pipelines/panel.sql in DuckDB (which computes them from the cells).
Prints JSON: rows compared, the statuses seen and every difference."""
import json
import sys

import duckdb

out, views, trends_sql, panel_sql = sys.argv[1:5]
con = duckdb.connect()
con.execute(f"SET VARIABLE ogi_out = '{out}'")
for f in (views, trends_sql, panel_sql):
    con.execute(open(f, encoding="utf-8").read())


def rows(query):
    cur = con.execute(query)
    names = [d[0] for d in cur.description]
    return names, [dict(zip(names, r)) for r in cur.fetchall()]


cols, polars = rows(f"select * from read_parquet('{out}/panel.parquet')")
sql_cols = [d[0] for d in con.execute("select * from panel_sql limit 0").description]
_, sql = rows(f"select {', '.join(chr(34) + c + chr(34) for c in cols if c in sql_cols)} from panel_sql")
key = ["agency_id", "report_year"]
p = {tuple(r[k] for k in key): r for r in polars}
s = {tuple(r[k] for k in key): r for r in sql}
diffs = [f"column {c}: only in {'polars' if c in cols else 'duckdb'}" for c in set(cols) ^ set(sql_cols)]
for k in sorted(set(p) | set(s), key=str):
    if k not in p or k not in s:
        diffs.append(f"{k}: only in {'polars' if k in p else 'duckdb'}")
        continue
    for c in cols:
        a, b = p[k][c], s[k].get(c)
        same = a == b or (isinstance(a, float) and isinstance(b, float) and abs(a - b) < 1e-12)
        if not same:
            diffs.append(f"{k} {c}: polars {a!r} duckdb {b!r}")
statuses = {c: sorted({r[c] for r in polars}) for c in ("carry", "stock")}
con.execute(open(panel_sql.replace("panel.sql", "panel_recipes.sql"), encoding="utf-8").read())
recipes = {v: con.execute(f"select count(*) from {v}").fetchall()[0][0] for v in (
    "agencies_every_year", "zero_application_streaks", "largest_jumps", "broken_carry", "summary_vs_members")}
print(json.dumps({"rows": len(p), "sql_rows": len(s), "statuses": statuses, "recipes": recipes,
                  "diffs": diffs[:20]},
                 ensure_ascii=False, default=str))
