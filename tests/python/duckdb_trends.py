"""Two engines, one answer: the trends Polars wrote (OUT/trends.parquet) against the same definitions in
DuckDB SQL (pipelines/views.sql + pipelines/trends.sql). Prints JSON: rows compared and every difference."""
import json
import sys

import duckdb

out, views, trends_sql = sys.argv[1], sys.argv[2], sys.argv[3]
con = duckdb.connect()
con.execute(f"SET VARIABLE ogi_out = '{out}'")
con.execute(open(views, encoding="utf-8").read())
con.execute(open(trends_sql, encoding="utf-8").read())
def rows(query):
    cur = con.execute(query)
    names = [d[0] for d in cur.description]
    return names, [dict(zip(names, r)) for r in cur.fetchall()]


cols, polars = rows(f"select * from read_parquet('{out}/trends.parquet')")
key = ["breakdown", "group", "report_year"]
_, sql = rows(f"select {', '.join(chr(34) + c + chr(34) for c in cols)} from trends_sql")
p = {tuple(r[k] for k in key): r for r in polars}
s = {tuple(r[k] for k in key): r for r in sql}
diffs = []
for k in sorted(set(p) | set(s), key=str):
    if k not in p or k not in s:
        diffs.append(f"{k}: only in {'polars' if k in p else 'duckdb'}")
        continue
    for c in cols:
        a, b = p[k][c], s[k][c]
        same = a == b or (a is None and b is None)
        if not same:
            diffs.append(f"{k} {c}: polars {a!r} duckdb {b!r}")
print(json.dumps({"rows": len(p), "sql_rows": len(s), "diffs": diffs[:20]}, ensure_ascii=False, default=str))
